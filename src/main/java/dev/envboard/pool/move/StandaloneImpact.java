package dev.envboard.pool.move;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.envboard.pool.EnvironmentLabels;
import java.util.ArrayList;
import java.util.List;

/**
 * In a standalone pool nothing reschedules on its own: containers of the old environment keep
 * running on the host until that environment's next redeploy removes them.
 */
final class StandaloneImpact {
    private StandaloneImpact() {
    }

    static List<String> keptContainers(DockerClient engine, HostMove move) {
        if (move.from() == null) {
            return List.of();
        }
        List<String> kept = new ArrayList<>();
        List<Container> containers = engine.listContainersCmd()
                .withLabelFilter(java.util.Map.of(EnvironmentLabels.STACK_NAMESPACE, move.from()))
                .exec();
        for (Container container : containers) {
            String name = container.getNames() == null || container.getNames().length == 0
                    ? container.getId().substring(0, 12) : container.getNames()[0].replaceFirst("^/", "");
            kept.add(name + " (" + move.from() + ") on " + move.host().displayName());
        }
        return kept;
    }
}
