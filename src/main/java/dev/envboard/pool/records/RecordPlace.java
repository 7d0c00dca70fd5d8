package dev.envboard.pool.records;

import java.util.List;
import java.util.Map;

/** Where records are kept: a Swarm's configs, or one standalone engine's volumes. */
interface RecordPlace {
    /** Names the place in messages and in {@link PoolRecord#locations()}. */
    String name();

    /** Every stored revision of the kind; throws when the place does not answer. */
    List<Stored> list(String kind);

    /** Creates one revision; false when an object of that name exists already (another writer won). */
    boolean create(String objectName, Map<String, String> labels);

    /** Removes one revision by its handle (a config's ID; a volume's name); one already gone is no error. */
    void remove(String handle);

    /** One revision as stored, with its handle for its removal. */
    record Stored(String handle, PoolRecord record) {
    }
}
