package dev.envboard.cli;

import dev.envboard.services.Services;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Finds a host by hostname or (a unique prefix of its) node id across the selected pools. */
final class HostLookup {
    record Found(PoolSnapshot snapshot, Host host) {
    }

    private HostLookup() {
    }

    static Found find(Services context, List<PoolSpec> pools, String name) {
        List<Found> matches = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (PoolSpec pool : pools) {
            PoolSnapshot snapshot = context.poolInspector().inspect(pool).join();
            if (snapshot.hosts().isEmpty()) {
                unreachable.add(pool.name() + " (" + snapshot.message() + ")");
            }
            for (Host host : snapshot.hosts()) {
                if (host.hostname().equals(name) || host.id().equals(name)
                        || (name.length() >= 6 && host.id().startsWith(name))) {
                    matches.add(new Found(snapshot, host));
                }
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no host \"" + name + "\" in "
                    + pools.stream().map(PoolSpec::name).collect(Collectors.joining(", "))
                    + (unreachable.isEmpty() ? "" : "; not reachable: " + String.join(", ", unreachable)));
        }
        throw new IllegalArgumentException("\"" + name + "\" matches hosts in several pools ("
                + matches.stream().map(f -> f.snapshot().pool().name()).collect(Collectors.joining(", "))
                + "): add --pool");
    }
}
