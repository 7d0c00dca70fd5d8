package dev.envboard.testing.engine;

import java.util.List;
import java.util.Map;

/** Envboard's pools.yaml for the simulated pools: plain tcp endpoints on loopback (no TLS needed there). */
final class PoolsYaml {
    private PoolsYaml() {
    }

    static String of(List<VirtualSwarm> swarms, Map<String, List<VirtualEngine>> standalonePools) {
        StringBuilder yaml = new StringBuilder("# Simulated engines (EngineSimulator): every endpoint is 127.0.0.1.\npools:\n");
        for (VirtualSwarm swarm : swarms) {
            yaml.append("  - name: ").append(swarm.poolName).append('\n')
                    .append("    kind: swarm\n")
                    .append("    endpoint: ").append(swarm.manager().engine.endpoint()).append('\n')
                    .append("    label-key: ").append(EngineSimulator.LABEL_KEY).append('\n')
                    .append("    engines:\n");
            for (VirtualNode node : swarm.nodes) {
                engine(yaml, node.engine);
            }
        }
        standalonePools.forEach((name, engines) -> {
            yaml.append("  - name: ").append(name).append('\n')
                    .append("    kind: standalone\n")
                    .append("    label-key: ").append(EngineSimulator.LABEL_KEY).append('\n')
                    .append("    engines:\n");
            engines.forEach(engine -> engine(yaml, engine));
        });
        return yaml.toString();
    }

    private static void engine(StringBuilder yaml, VirtualEngine engine) {
        yaml.append("      - name: ").append(engine.name).append('\n')
                .append("        endpoint: ").append(engine.endpoint()).append('\n')
                .append("        address: ").append(engine.address).append('\n');
    }
}
