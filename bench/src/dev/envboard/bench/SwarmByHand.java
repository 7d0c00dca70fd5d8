package dev.envboard.bench;

import dev.envboard.testing.Sandbox;
import java.nio.file.Path;
import java.util.List;

/** A Swarm environment redeployed correctly with the docker CLI alone, as a careful CI job would. */
final class SwarmByHand {
    private static final List<String> FINISHED = List.of("Shutdown", "Complete", "Failed", "Rejected", "Orphaned", "Remove");

    private final Sandbox sandbox;
    private final String environment;
    private final Path compose;

    SwarmByHand(Sandbox sandbox, String environment, Path compose) {
        this.sandbox = sandbox;
        this.environment = environment;
        this.compose = compose;
    }

    void redeploy() throws InterruptedException {
        Sandbox.Engine manager = sandbox.manager();
        String label = "label=com.docker.stack.namespace=" + environment;
        try {
            sandbox.docker(manager, "stack", "rm", environment);
        } catch (AssertionError firstTime) {
            // nothing deployed yet
        }
        // Gone means: no task of the stack still running anywhere, and its networks removed.
        String[] nodes = sandbox.docker(manager, "node", "ls", "--format", "{{.Hostname}}").split("\n");
        while (true) {
            String[] args = new String[nodes.length + 5];
            args[0] = "node";
            args[1] = "ps";
            System.arraycopy(nodes, 0, args, 2, nodes.length);
            args[nodes.length + 2] = "--filter";
            args[nodes.length + 3] = label;
            args[nodes.length + 4] = "--format={{.CurrentState}}";
            String states = sandbox.docker(manager, args);
            boolean tasksGone = states.lines().allMatch(s -> s.isBlank() || FINISHED.stream().anyMatch(s::startsWith));
            String networks = sandbox.docker(manager, "network", "ls", "-q", "--filter", label);
            if (tasksGone && !networks.isBlank()) {
                for (String id : networks.split("\n")) {
                    try {
                        sandbox.docker(manager, "network", "rm", id);
                    } catch (AssertionError stillInUse) {
                        // next round
                    }
                }
                networks = sandbox.docker(manager, "network", "ls", "-q", "--filter", label);
            }
            if (tasksGone && networks.isBlank()) {
                break;
            }
            Thread.sleep(250);
        }
        sandbox.docker(manager, "stack", "deploy", "--resolve-image", "never", "-c", compose.toString(), environment);
        while (true) {
            String replicas = sandbox.docker(manager, "service", "ls", "--filter", label, "--format", "{{.Replicas}}");
            if (!replicas.isBlank() && replicas.lines().allMatch(r -> {
                String[] parts = r.split("[/ ]");
                return parts.length >= 2 && parts[0].equals(parts[1]);
            })) {
                return;
            }
            Thread.sleep(250);
        }
    }
}
