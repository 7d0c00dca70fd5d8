package dev.envboard.logs;

/** One followed container of a session: its label and colour, and where following it stands. */
public final class LogSource {
    private final LogOrigin origin;
    private final ContainerRef container;
    private final SourceListener listener;
    private volatile SourceState state = new SourceState(SourcePhase.CONNECTING, null);

    LogSource(LogOrigin origin, ContainerRef container, SourceListener listener) {
        this.origin = origin;
        this.container = container;
        this.listener = listener;
    }

    /** Shared by every line of this source: compare lines' origins with it. */
    public LogOrigin origin() {
        return origin;
    }

    public String label() {
        return origin.label();
    }

    public int colourIndex() {
        return origin.colourIndex();
    }

    public ContainerRef container() {
        return container;
    }

    public SourceState state() {
        return state;
    }

    void state(SourcePhase phase, String message) {
        SourceState next = new SourceState(phase, message);
        if (next.equals(state)) {
            return;
        }
        state = next;
        listener.stateChanged(this, next);
    }

    @Override
    public String toString() {
        return origin.label() + " (" + state + ")";
    }
}
