package dev.envboard.deploy;

import dev.envboard.pool.Host;
import dev.envboard.pool.HostKey;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot as it will be once some hosts carry an environment's label: what a deploy is
 * validated against before those hosts are labelled (a demo launch checks everything first).
 */
final class AssumedLabels {
    private AssumedLabels() {
    }

    static PoolSnapshot apply(PoolSnapshot snapshot, String environment, List<HostKey> hosts) {
        String key = snapshot.pool().labelKey();
        boolean engineScope = snapshot.pool().labelScope() == LabelScope.ENGINE;
        List<Host> changed = snapshot.hosts().stream().map(host -> {
            boolean assumed = hosts.contains(host.key());
            if (!assumed && !environment.equals(host.environment())) {
                return host;
            }
            // A host of the environment that is not among them is assumed to leave it.
            String target = assumed ? environment : null;
            Map<String, String> labels = relabel(host.labels(), key, target);
            Map<String, String> engineLabels = engineScope ? relabel(host.engineLabels(), key, target) : host.engineLabels();
            return new Host(host.key(), host.nodeId(), host.engineId(), host.hostname(), host.address(), host.role(),
                    host.state(), host.availability(), host.engineVersion(), host.cpus(), host.memoryBytes(), host.running(),
                    labels, engineLabels, target, host.leader(), host.engineIndex(), host.version(), host.error(), host.warnings());
        }).toList();
        return new PoolSnapshot(snapshot.pool(), snapshot.kind(), snapshot.status(), snapshot.message(), changed, snapshot.at());
    }

    private static Map<String, String> relabel(Map<String, String> labels, String key, String value) {
        Map<String, String> copy = new HashMap<>(labels);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }
}
