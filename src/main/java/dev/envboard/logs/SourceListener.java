package dev.envboard.logs;

/**
 * Told when a source's state changes. Runs on that source's reader thread: must not block (a UI
 * hands the change to its own thread).
 */
@FunctionalInterface
public interface SourceListener {
    SourceListener NONE = (source, state) -> { };

    void stateChanged(LogSource source, SourceState state);
}
