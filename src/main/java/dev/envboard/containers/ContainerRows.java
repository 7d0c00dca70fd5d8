package dev.envboard.containers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import dev.envboard.pool.EnvironmentLabels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns what the engine says about a container into a row. */
final class ContainerRows {
    static final String SWARM_SERVICE = "com.docker.swarm.service.name";
    static final String ENVBOARD_SERVICE = "dev.envboard.service";
    static final String COMPOSE_SERVICE = "com.docker.compose.service";

    private ContainerRows() {
    }

    static String key(String host, String containerId) {
        return host + "/" + containerId;
    }

    /** From an inspect: state, health, restart count and start time are all there. */
    static ContainerRow of(String host, String hostEnvironment, InspectContainerResponse c, String ports) {
        Map<String, String> labels = c.getConfig() == null || c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels();
        InspectContainerResponse.ContainerState state = c.getState();
        String health = state.getHealth() == null || state.getHealth().getStatus() == null ? "" : state.getHealth().getStatus();
        Instant started = parse(state.getStartedAt());
        String error = state.getError() == null || state.getError().isBlank() ? null : state.getError();
        if (error == null && "exited".equals(state.getStatus()) && state.getExitCodeLong() != null && state.getExitCodeLong() != 0) {
            error = "exit code " + state.getExitCodeLong();
        }
        return new ContainerRow(key(host, c.getId()), displayName(c, labels),
                service(labels), c.getConfig() == null ? "" : c.getConfig().getImage(), state.getStatus(), health, host,
                environment(labels, hostEnvironment), started, ports,
                c.getRestartCount() == null ? 0 : c.getRestartCount(), c.getId(), error);
    }

    /** Swarm task containers read like docker service ps shows them: qa_web.2, not qa_web.2.<task id>. */
    private static String displayName(InspectContainerResponse c, Map<String, String> labels) {
        String name = c.getName() == null ? c.getId() : c.getName().replaceFirst("^/", "");
        String task = labels.get("com.docker.swarm.task.name");
        String taskId = labels.get("com.docker.swarm.task.id");
        if (task != null && taskId != null && task.endsWith("." + taskId)) {
            return task.substring(0, task.length() - taskId.length() - 1);
        }
        return name;
    }

    static String ports(Container container) {
        if (container.getPorts() == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (ContainerPort port : container.getPorts()) {
            parts.add(port.getPublicPort() == null
                    ? port.getPrivatePort() + "/" + port.getType()
                    : port.getPublicPort() + "→" + port.getPrivatePort() + "/" + port.getType());
        }
        return String.join(", ", parts.stream().distinct().toList());
    }

    static String service(Map<String, String> labels) {
        String service = labels.get(SWARM_SERVICE);
        if (service == null) {
            service = labels.getOrDefault(ENVBOARD_SERVICE, labels.getOrDefault(COMPOSE_SERVICE, ""));
        }
        return service;
    }

    static String environment(Map<String, String> labels, String hostEnvironment) {
        String namespace = labels.get(EnvironmentLabels.STACK_NAMESPACE);
        return namespace != null ? namespace : hostEnvironment == null ? "" : hostEnvironment;
    }

    private static Instant parse(String time) {
        if (time == null || time.isBlank() || time.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
