package dev.envboard.bench;

import dev.envboard.testing.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A standalone environment redeployed correctly with the docker CLI, as a competent script does
 * it: on every host at once, stop and remove the containers (one {@code docker stop} and one
 * {@code docker rm} per host, which act on their containers in parallel); wait until they are
 * gone and the network is removed (a network the engine still holds is tried again, as Envboard
 * does); create the network on each host; then every {@code docker run} in parallel, 8 at a time
 * ({@code xargs -P 8}, as many as Envboard's own deploy runs side by side); wait until all run.
 * Polls every 100 ms and gives up after 180 s per wait, as Envboard does.
 */
final class StandaloneByHand implements AutoCloseable {
    private static final long WAIT_NANOS = 180_000_000_000L;

    private final Sandbox sandbox;
    private final String environment;
    private final int services;
    private final int replicas;
    private final ExecutorService parallel = Executors.newFixedThreadPool(Floor.THREADS, r -> {
        Thread thread = new Thread(r, "cli-parallel");
        thread.setDaemon(true);
        return thread;
    });

    StandaloneByHand(Sandbox sandbox, String environment, int services, int replicas) {
        this.sandbox = sandbox;
        this.environment = environment;
        this.services = services;
        this.replicas = replicas;
    }

    void redeploy() throws Exception {
        List<Sandbox.Engine> hosts = sandbox.standaloneHosts();
        String label = "label=com.docker.stack.namespace=" + environment;
        List<Runnable> removals = new ArrayList<>();
        for (Sandbox.Engine host : hosts) {
            removals.add(() -> {
                String ids = sandbox.docker(host, "ps", "-aq", "--filter", label);
                if (!ids.isBlank()) {
                    List<String> stop = new ArrayList<>(List.of("stop", "-t", "2"));
                    stop.addAll(ids.lines().toList());
                    sandbox.docker(host, stop.toArray(String[]::new));
                    List<String> rm = new ArrayList<>(List.of("rm"));
                    rm.addAll(ids.lines().toList());
                    sandbox.docker(host, rm.toArray(String[]::new));
                }
            });
        }
        all(removals);
        long deadline = System.nanoTime() + WAIT_NANOS;
        for (Sandbox.Engine host : hosts) {
            String left;
            while (!(left = leftOn(host, label)).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new BenchFailure("the CLI's old deployment on " + host.name() + " was still not gone after 180 s: " + left);
                }
                Thread.sleep(100);
            }
        }
        List<Runnable> networks = new ArrayList<>();
        for (Sandbox.Engine host : hosts) {
            networks.add(() -> sandbox.docker(host, "network", "create", "--label", "com.docker.stack.namespace=" + environment,
                    environment + "_default"));
        }
        all(networks);
        List<Runnable> runs = new ArrayList<>();
        int slot = 0;
        for (int s = 1; s <= services; s++) {
            String service = String.format("svc%02d", s);
            for (int r = 1; r <= replicas; r++) {
                Sandbox.Engine host = hosts.get(slot++ % hosts.size());
                String name = environment + "_" + service + "_" + r;
                runs.add(() -> sandbox.docker(host, "run", "-d", "--name", name,
                        "--network", environment + "_default", "--network-alias", service,
                        "--label", "com.docker.stack.namespace=" + environment, "--restart", "unless-stopped",
                        "--stop-timeout", "2", "envboard/demo:1", "sh", "-c", BenchStacks.COMMAND.replace("$$", "$")));
            }
        }
        all(runs);
        int expected = services * replicas;
        deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            int running = 0;
            for (Sandbox.Engine host : hosts) {
                String ids = sandbox.docker(host, "ps", "-q", "--filter", label, "--filter", "status=running");
                running += ids.isBlank() ? 0 : ids.split("\n").length;
            }
            if (running == expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the CLI's containers were not all running after 180 s: " + running + " of " + expected);
            }
            Thread.sleep(100);
        }
    }

    /** What is left of the environment on a host: its containers, else the networks it could not remove yet. */
    private String leftOn(Sandbox.Engine host, String label) {
        String containers = sandbox.docker(host, "ps", "-aq", "--filter", label);
        if (!containers.isBlank()) {
            return "containers " + containers.lines().toList();
        }
        List<String> networks = new ArrayList<>();
        for (String id : sandbox.docker(host, "network", "ls", "-q", "--filter", label).lines().filter(l -> !l.isBlank()).toList()) {
            try {
                sandbox.docker(host, "network", "rm", id);
            } catch (AssertionError stillInUse) {
                networks.add(id + " (" + stillInUse.getMessage().trim() + ")");
            }
        }
        return networks.isEmpty() ? "" : "networks " + networks;
    }

    /** Runs the commands side by side and waits for all; the first failure is thrown. */
    private void all(List<Runnable> commands) throws Exception {
        List<Future<?>> futures = commands.stream().<Future<?>>map(parallel::submit).toList();
        Throwable first = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                first = first == null ? e.getCause() : first;
            }
        }
        if (first instanceof Exception e) {
            throw e;
        }
        if (first != null) {
            throw new BenchFailure(first.getMessage(), first);
        }
    }

    @Override
    public void close() {
        parallel.shutdownNow();
    }
}
