package dev.envboard.health;

import dev.envboard.pool.Host;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Places Consul nodes on pool hosts: first the pool's explicit {@code nodes:} map, then the node's
 * address (when only one host has it: several engines of one machine share an address), then its
 * name against the hostname, case-insensitively, also by the short name before the first dot.
 */
final class HostMatcher {
    private final Map<String, Host> byName;
    private final Map<String, Host> byShortName;
    private final Map<String, Host> byAddress;
    private final Map<String, String> explicit = new HashMap<>();

    HostMatcher(List<Host> hosts, Map<String, String> explicitNodes) {
        byName = uniqueIndex(hosts, h -> h.hostname() == null ? null : lower(h.hostname()));
        byShortName = uniqueIndex(hosts, h -> h.hostname() == null ? null : shortName(h.hostname()));
        byAddress = uniqueIndex(hosts, h -> h.address() == null || h.address().isBlank() ? null : h.address().trim());
        explicitNodes.forEach((node, hostname) -> explicit.put(lower(node), lower(hostname)));
    }

    /** Keys that name exactly one host; a shared key (one machine's several engines) tells nothing. */
    private static Map<String, Host> uniqueIndex(List<Host> hosts, Function<Host, String> key) {
        Map<String, Host> index = new HashMap<>();
        Set<String> shared = new HashSet<>();
        for (Host host : hosts) {
            String k = key.apply(host);
            if (k != null && index.putIfAbsent(k, host) != null && index.get(k) != host) {
                shared.add(k);
            }
        }
        shared.forEach(index::remove);
        return index;
    }

    /**
     * The host a Consul node runs on.
     *
     * @param serviceAddress a service's own address, tried last (null for a bare node)
     */
    Optional<Host> hostOf(String node, String nodeAddress, String serviceAddress) {
        String nodeKey = node == null ? "" : lower(node);
        String mapped = explicit.get(nodeKey);
        if (mapped != null) {
            return Optional.ofNullable(byName.get(mapped)).or(() -> Optional.ofNullable(byShortName.get(mapped)));
        }
        Host host = nodeAddress == null ? null : byAddress.get(nodeAddress);
        if (host == null) {
            host = byName.get(nodeKey);
        }
        if (host == null && !nodeKey.isEmpty()) {
            host = byShortName.get(shortName(nodeKey));
        }
        if (host == null && serviceAddress != null) {
            host = byAddress.get(serviceAddress);
        }
        return Optional.ofNullable(host);
    }

    private static String lower(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }

    private static String shortName(String name) {
        String lower = lower(name);
        int dot = lower.indexOf('.');
        return dot > 0 ? lower.substring(0, dot) : lower;
    }
}
