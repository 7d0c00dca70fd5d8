package dev.envboard.demo;

import dev.envboard.deploy.ServiceHosts;
import dev.envboard.demo.template.DemoTemplate;
import dev.envboard.demo.template.EntryPointSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A demo's entry points as links: {@code http://ADDRESS:PORT/PATH} of the host that runs each service now. */
final class EntryPoints {
    private final ServiceHosts serviceHosts;

    EntryPoints(ServiceHosts serviceHosts) {
        this.serviceHosts = serviceHosts;
    }

    List<EntryPoint> of(DemoTemplate template, PoolSnapshot snapshot, String environment) {
        Map<String, List<Host>> running = serviceHosts.of(snapshot, environment);
        List<EntryPoint> points = new ArrayList<>();
        for (EntryPointSpec spec : template.entryPoints()) {
            Host host = running.getOrDefault(spec.service(), List.of()).stream().filter(h -> address(snapshot, h) != null)
                    .findFirst().orElse(null);
            String url = host == null ? null : "http://" + address(snapshot, host) + ":" + spec.port() + spec.path();
            points.add(new EntryPoint(spec.title(), spec.target(), url, host == null ? null : host.displayName()));
        }
        return points;
    }

    /** The host's address as the pool gives it (engines: address:, a node's own), else the host of a tcp endpoint. */
    static String address(PoolSnapshot snapshot, Host host) {
        if (host.address() != null && !host.address().isBlank() && !host.address().equals("local")) {
            return host.address();
        }
        if (host.engineIndex() >= 0 && host.engineIndex() < snapshot.pool().engines().size()) {
            return snapshot.pool().engines().get(host.engineIndex()).endpoint().host().orElse(null);
        }
        return null;
    }
}
