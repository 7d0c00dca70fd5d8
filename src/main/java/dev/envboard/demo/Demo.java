package dev.envboard.demo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A presales demo: an environment launched from a template on free hosts of a pool, recorded in
 * the pool itself so every Envboard and {@code envboard demo ls} sees the same. Times are the
 * pool's record; what is left of a demo's time is {@link DemoExpiry}'s to say.
 *
 * @param environment  {@code demo-CUSTOMER}
 * @param owner        who launched it (the user name)
 * @param customer     as given at launch
 * @param template     the template's name
 * @param latestExpiry how far extensions may go: created + the template's maximum lifetime
 * @param keep         exempt from expiry ("keep"): never listed as expired
 * @param variables    the template's variables as the launch set them
 * @param entryPoints  as recorded at launch (URLs of the hosts that ran the services then)
 * @param left         for a stuck demo: exactly what a teardown could not remove, each named; else empty
 * @param problem      why the launch failed or the teardown stuck, in words; null when nothing went wrong
 */
public record Demo(String pool, String environment, String owner, String customer, String template, Instant created,
                   Instant expires, Instant latestExpiry, boolean keep, List<DemoHost> hosts, Map<String, String> variables,
                   List<EntryPoint> entryPoints, DemoState state, List<String> left, String problem) {

    public Demo {
        hosts = List.copyOf(hosts);
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        entryPoints = List.copyOf(entryPoints);
        left = List.copyOf(left);
    }

    public Demo withExpires(Instant newExpires) {
        return new Demo(pool, environment, owner, customer, template, created, newExpires, latestExpiry, keep, hosts, variables,
                entryPoints, state, left, problem);
    }

    public Demo withKeep(boolean newKeep) {
        return new Demo(pool, environment, owner, customer, template, created, expires, latestExpiry, newKeep, hosts, variables,
                entryPoints, state, left, problem);
    }

    public Demo withState(DemoState newState, List<String> newLeft, String newProblem) {
        return new Demo(pool, environment, owner, customer, template, created, expires, latestExpiry, keep, hosts, variables,
                entryPoints, newState, newLeft, newProblem);
    }

    public Demo withEntryPoints(List<EntryPoint> newEntryPoints) {
        return new Demo(pool, environment, owner, customer, template, created, expires, latestExpiry, keep, hosts, variables,
                newEntryPoints, state, left, problem);
    }
}
