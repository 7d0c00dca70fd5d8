package dev.envboard.bench;

import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.Sandbox;
import java.util.List;

/** Puts every standalone host of the sandbox into one environment for a benchmark, and back after. */
final class StandaloneEnvironment implements AutoCloseable {
    private final DaemonJsonGuard guard;

    private StandaloneEnvironment(DaemonJsonGuard guard) {
        this.guard = guard;
    }

    static StandaloneEnvironment label(Sandbox sandbox, String environment) throws Exception {
        List<String> hosts = sandbox.standaloneHosts().stream().map(Sandbox.Engine::name).toList();
        DaemonJsonGuard guard = new DaemonJsonGuard(sandbox, hosts);
        for (String host : hosts) {
            guard.setEnvironment(host, environment);
        }
        return new StandaloneEnvironment(guard);
    }

    @Override
    public void close() throws Exception {
        guard.restore();
    }
}
