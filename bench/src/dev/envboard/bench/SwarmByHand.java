package dev.envboard.bench;

import dev.envboard.testing.Sandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Swarm environment redeployed correctly with the docker CLI alone, as a careful CI job would.
 * It polls every 100 ms, as Envboard does, and gives up after 180 s per wait, as Envboard does.
 * With a docker config dir it deploys from a registry as the docker docs say: {@code docker
 * --config DIR stack deploy --with-registry-auth}, the CLI resolving each tag to a digest
 * (--resolve-image always, its default) and sending the login with the services. Nothing is pulled
 * by hand: each Swarm node pulls a task's image when the task starts, with that login, as real
 * workers do, so the pulls fall inside the wait for the replicas, after the old stack is gone.
 */
final class SwarmByHand {
    /** When each part of one redeploy ended, in System.nanoTime(): started is right before {@code docker stack rm}. */
    record Timing(long started, long gone, long deployed, long ready) {
        long totalNanos() {
            return ready - started;
        }
    }

    private static final List<String> FINISHED = List.of("Shutdown", "Complete", "Failed", "Rejected", "Orphaned", "Remove");
    private static final long WAIT_NANOS = 180_000_000_000L;

    private final Sandbox sandbox;
    private final String environment;
    private final Path compose;
    private final Path dockerConfig;

    /** An imported image, in no registry: nothing resolved (docker stack deploy --resolve-image never). */
    SwarmByHand(Sandbox sandbox, String environment, Path compose) {
        this(sandbox, environment, compose, null);
    }

    /** @param dockerConfig the docker config dir logged in to the stack's registry */
    SwarmByHand(Sandbox sandbox, String environment, Path compose, Path dockerConfig) {
        this.sandbox = sandbox;
        this.environment = environment;
        this.compose = compose;
        this.dockerConfig = dockerConfig;
    }

    Timing redeploy() throws InterruptedException {
        Sandbox.Engine manager = sandbox.manager();
        String label = "label=com.docker.stack.namespace=" + environment;
        long started = System.nanoTime();
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
        long gone = System.nanoTime();
        if (dockerConfig == null) {
            sandbox.docker(manager, "stack", "deploy", "--resolve-image", "never", "-c", compose.toString(), environment);
        } else {
            sandbox.docker(manager, "--config", dockerConfig.toString(), "stack", "deploy", "--with-registry-auth",
                    "-c", compose.toString(), environment);
        }
        long deployed = System.nanoTime();
        deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            String replicas = sandbox.docker(manager, "service", "ls", "--filter", label, "--format", "{{.Replicas}}");
            if (!replicas.isBlank() && replicas.lines().allMatch(r -> {
                String[] parts = r.split("[/ ]");
                return parts.length >= 2 && parts[0].equals(parts[1]);
            })) {
                return new Timing(started, gone, deployed, System.nanoTime());
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the CLI's stack deploy was not running after 180 s: replicas " + replicas.lines().toList());
            }
            Thread.sleep(100);
        }
    }
}
