package dev.envboard.logs;

/** A source's phase with the reason or detail to show beside it, or null. */
public record SourceState(SourcePhase phase, String message) {
    public boolean isFinal() {
        return phase.isFinal();
    }

    @Override
    public String toString() {
        return message == null ? phase.name() : phase.name() + ": " + message;
    }
}
