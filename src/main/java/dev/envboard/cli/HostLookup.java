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

    /** A host answers to its hostname, its address, its pool entry (endpoint), or its Swarm node ID (or 6+ characters of it). */
    static boolean names(Host host, String name) {
        return name.equals(host.hostname()) || name.equals(host.address()) || name.equals(host.key().entry())
                || (host.nodeId() != null && (host.nodeId().equals(name) || (name.length() >= 6 && host.nodeId().startsWith(name))));
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
                if (HostLookup.names(host, name)) {
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
        if (matches.stream().map(f -> f.snapshot().pool().name()).distinct().count() == 1) {
            // Hostnames repeat (machines cloned from one image): the pool's own entry tells them apart.
            throw new IllegalArgumentException("\"" + name + "\" matches " + matches.size() + " hosts of "
                    + matches.get(0).snapshot().pool().name() + ": "
                    + matches.stream().map(f -> f.host().hostname() + " at " + f.host().key().entry()).collect(Collectors.joining(", "))
                    + "; name one by its address or endpoint instead");
        }
        throw new IllegalArgumentException("\"" + name + "\" matches hosts in several pools ("
                + matches.stream().map(f -> f.snapshot().pool().name()).collect(Collectors.joining(", "))
                + "): add --pool");
    }
}
