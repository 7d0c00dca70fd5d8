package dev.envboard.bench;

import dev.envboard.testing.Sandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Swarm environment redeployed correctly with the docker CLI alone, as a careful CI job would.
 * It polls every 100 ms, as Envboard does, and gives up after 180 s per wait, as Envboard does.
 */
final class SwarmByHand {
    private static final List<String> FINISHED = List.of("Shutdown", "Complete", "Failed", "Rejected", "Orphaned", "Remove");
    private static final long WAIT_NANOS = 180_000_000_000L;

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
        List<String> nodePs = new ArrayList<>(List.of("node", "ps"));
        nodePs.addAll(sandbox.docker(manager, "node", "ls", "--format", "{{.Hostname}}").lines().toList());
        nodePs.addAll(List.of("--filter", label, "--format={{.CurrentState}}"));
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            String states = sandbox.docker(manager, nodePs.toArray(String[]::new));
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
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the CLI's stack rm was still not done after 180 s: tasks " + states.lines().toList()
                        + ", networks " + networks.lines().toList());
            }
            Thread.sleep(100);
        }
        sandbox.docker(manager, "stack", "deploy", "--resolve-image", "never", "-c", compose.toString(), environment);
        deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            String replicas = sandbox.docker(manager, "service", "ls", "--filter", label, "--format", "{{.Replicas}}");
            if (!replicas.isBlank() && replicas.lines().allMatch(r -> {
                String[] parts = r.split("[/ ]");
                return parts.length >= 2 && parts[0].equals(parts[1]);
            })) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the CLI's stack deploy was not running after 180 s: replicas " + replicas.lines().toList());
            }
            Thread.sleep(100);
        }
    }
}
