package dev.envboard.containers;

/** Where watches report: called on their own threads, so implementations must be thread-safe and quick. */
public interface RowSink {
    void upsert(ContainerRow row);

    void remove(String key);

    /** A host's engine answers again (null message) or does not (why). */
    void hostState(String host, String problem);
}
