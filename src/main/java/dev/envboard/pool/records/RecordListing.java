package dev.envboard.pool.records;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The records of one kind as the pool holds them now.
 *
 * @param unreachable the places that did not answer, with why: records kept only there are missing
 */
public record RecordListing(List<PoolRecord> records, Map<String, String> unreachable) {

    public RecordListing {
        records = List.copyOf(records);
        unreachable = Map.copyOf(unreachable);
    }

    public Optional<PoolRecord> find(String subject, String id) {
        return records.stream().filter(r -> r.subject().equals(subject) && r.id().equals(id)).findFirst();
    }
}
