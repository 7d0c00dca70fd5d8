package dev.envboard.pool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds hosts of one pool that claim the same engine ID or hostname, and says so on each of them.
 * Envboard tells them apart by their {@link HostKey}, so they keep working; but people, logs and
 * other tools that go by the name or ID will mix them up, so the user should fix the machines.
 */
public final class DuplicateIdentities {
    private DuplicateIdentities() {
    }

    public static List<Host> mark(List<Host> hosts) {
        Map<HostKey, List<HostWarning>> warnings = new LinkedHashMap<>();
        find(hosts, Host::engineId, warnings, (host, others) -> new HostWarning(HostWarning.Kind.SAME_ENGINE_ID,
                "same engine ID as " + names(others, Host::hostname),
                where(host) + " reports the same engine ID (" + host.engineId() + ") as " + names(others, DuplicateIdentities::where)
                        + ": the machines were likely cloned from one image. Envboard tells them apart by their pool entries;"
                        + " to fix it, delete /etc/docker/key.json (or /var/lib/docker/engine-id) on one of them and restart its Docker"));
        find(hosts, Host::hostname, warnings, (host, others) -> new HostWarning(HostWarning.Kind.SAME_HOSTNAME,
                "same hostname as " + names(others, Host::where),
                where(host) + " has the same hostname as " + names(others, DuplicateIdentities::where)
                        + ": give each machine its own (hostnamectl set-hostname) so that people and Consul can tell them apart"));
        if (warnings.isEmpty()) {
            return hosts;
        }
        return hosts.stream().map(h -> warnings.containsKey(h.key())
                ? h.withWarnings(concat(h.warnings(), warnings.get(h.key()))) : h).toList();
    }

    private interface Warn {
        HostWarning about(Host host, List<Host> others);
    }

    private static void find(List<Host> hosts, Function<Host, String> identity, Map<HostKey, List<HostWarning>> warnings,
                             Warn warn) {
        Map<String, List<Host>> byIdentity = new LinkedHashMap<>();
        for (Host host : hosts) {
            String value = identity.apply(host);
            if (value != null && !value.isBlank() && host.isReachable()) {
                byIdentity.computeIfAbsent(value, v -> new ArrayList<>()).add(host);
            }
        }
        for (List<Host> same : byIdentity.values()) {
            if (same.size() < 2) {
                continue;
            }
            for (Host host : same) {
                List<Host> others = same.stream().filter(h -> !h.is(host)).toList();
                warnings.computeIfAbsent(host.key(), k -> new ArrayList<>()).add(warn.about(host, others));
            }
        }
    }

    private static String names(List<Host> hosts, Function<Host, String> name) {
        return String.join(", ", hosts.stream().map(name).toList());
    }

    /** A host as the user can find it: its name and where the pool reaches it. */
    private static String where(Host host) {
        return host.hostname() + " (" + host.where() + ")";
    }

    private static List<HostWarning> concat(List<HostWarning> a, List<HostWarning> b) {
        List<HostWarning> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
