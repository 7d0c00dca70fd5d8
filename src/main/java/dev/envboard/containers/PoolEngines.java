package dev.envboard.containers;

import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.HostKey;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSnapshot;
import java.util.ArrayList;
import java.util.List;

/** The engines whose containers make up a pool, each under the name the board shows (unique in the pool). */
final class PoolEngines {
    record Engine(String host, EndpointSpec endpoint) {
    }

    private PoolEngines() {
    }

    static List<Engine> of(PoolSnapshot snapshot) {
        List<EngineSpec> engines = new ArrayList<>(snapshot.pool().engines());
        if (engines.isEmpty() && snapshot.pool().manager() != null) {
            // No engine per node is known: the manager's own engine is the only one to read.
            String name = snapshot.kind() == PoolKind.STANDALONE && !snapshot.hosts().isEmpty()
                    ? snapshot.hosts().get(0).displayName() : "manager";
            engines.add(new EngineSpec(name, snapshot.pool().manager(), null, null, EngineSpec.DEFAULT_DAEMON_JSON,
                    EngineSpec.DEFAULT_RELOAD));
        }
        List<Engine> result = new ArrayList<>();
        for (int i = 0; i < engines.size(); i++) {
            result.add(new Engine(hostName(snapshot, engines.get(i), i), engines.get(i).endpoint()));
        }
        return result;
    }

    private static String hostName(PoolSnapshot snapshot, EngineSpec engine, int index) {
        if (snapshot.kind() == PoolKind.STANDALONE) {
            HostKey key = HostKey.engine(snapshot.pool().name(), engine.endpoint());
            return snapshot.hosts().stream().filter(h -> h.key().equals(key)).map(Host::displayName)
                    .findFirst().orElse(engine.displayName());
        }
        return engine.displayName();
    }
}
