package dev.envboard.pool.records;

import java.util.List;
import java.util.Map;

/**
 * A small record kept in the pool itself, so that every Envboard (and every CLI run) that sees the
 * pool sees it, whatever state directory it runs with. Immutable on the engines: a change writes a
 * new revision and removes the older ones.
 *
 * @param kind      what it records, e.g. "demo" or "deploy"
 * @param subject   what it is about, usually an environment
 * @param id        tells records of one subject apart (a deploy id; for one-per-subject records, the subject)
 * @param revision  counts the writes of this (kind, subject, id): the highest one is the record
 * @param fields    the record's content
 * @param locations where it was read: "swarm" or the names of the engines that hold a copy
 */
public record PoolRecord(String kind, String subject, String id, long revision, Map<String, String> fields,
                         List<String> locations) {

    public PoolRecord {
        fields = Map.copyOf(fields);
        locations = List.copyOf(locations);
    }

    public String field(String name) {
        return fields.get(name);
    }

    boolean sameKey(String otherKind, String otherSubject, String otherId) {
        return kind.equals(otherKind) && subject.equals(otherSubject) && id.equals(otherId);
    }
}
