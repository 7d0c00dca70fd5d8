package dev.envboard.pool;

import java.util.ArrayList;
import java.util.List;

/**
 * An engine that stops answering keeps its last known name, labels and environment, so its card
 * stays in its column marked unreachable instead of jumping to "Unassigned" or vanishing.
 */
final class SnapshotMerge {
    private SnapshotMerge() {
    }

    static PoolSnapshot keepLastKnown(PoolSnapshot previous, PoolSnapshot next) {
        if (previous == null || previous.hosts().isEmpty()) {
            return next;
        }
        List<Host> merged = new ArrayList<>(next.hosts().size());
        for (Host host : next.hosts()) {
            merged.add(host.isReachable() || host.engineIndex() < 0 ? host : withLastKnown(previous, host));
        }
        return new PoolSnapshot(next.pool(), next.kind(), next.status(), next.message(), merged, next.at());
    }

    private static Host withLastKnown(PoolSnapshot previous, Host unreachable) {
        for (Host known : previous.hosts()) {
            if (known.is(unreachable) && known.engineVersion() != null) {
                return new Host(known.key(), known.nodeId(), known.engineId(), known.hostname(), unreachable.address(), known.role(),
                        unreachable.state(), known.availability(), known.engineVersion(), known.cpus(),
                        known.memoryBytes(), 0, known.labels(), known.engineLabels(), known.environment(),
                        false, unreachable.engineIndex(), known.version(), unreachable.error(), List.of());
            }
        }
        return unreachable;
    }
}
