package dev.envboard.deploy.watch;

import dev.envboard.deploy.history.DeployRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The deploys of one pool: the pool's records merged with this machine's history. */
public final class DeployEntries {
    /** Newest first; a run not started yet (no time) last. */
    public static final Comparator<DeployEntry> NEWEST_FIRST = Comparator
            .comparing((DeployEntry e) -> e.startedAt(), Comparator.nullsFirst(Comparator.naturalOrder())).reversed()
            .thenComparing(DeployEntry::id);

    private DeployEntries() {
    }

    /**
     * One entry per deploy id, newest first. A run of this machine is in both: its local record is
     * the richer one (steps, stack file) and wins once it is written, the pool's copy shows it while
     * it runs. Runs of others are only in the pool.
     *
     * @param fromPool what the pool holds ({@link DeployFields#entry})
     * @param local    this machine's history, of every pool: only those of {@code pool} are taken
     */
    public static List<DeployEntry> merge(String pool, List<DeployEntry> fromPool, List<DeployRecord> local) {
        Map<String, DeployEntry> byId = new LinkedHashMap<>();
        for (DeployEntry entry : fromPool) {
            byId.put(entry.id(), entry);
        }
        for (DeployRecord record : local) {
            if (!pool.equals(record.pool()) || record.id() == null) {
                continue;
            }
            DeployEntry shared = byId.get(record.id());
            DeployEntry here = new DeployEntry(record, pool, DeployEntry.Status.ofResult(record.result()),
                    shared == null ? DeployEntry.Origin.HERE : DeployEntry.Origin.BOTH);
            byId.put(record.id(), here);
        }
        List<DeployEntry> merged = new ArrayList<>(byId.values());
        merged.sort(NEWEST_FIRST);
        return merged;
    }
}
