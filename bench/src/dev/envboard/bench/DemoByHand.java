package dev.envboard.bench;

import dev.envboard.ssh.ShellQuote;
import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A demo launched the way a presales engineer's script does it with the plain tools, on both hosts
 * at once where a script would ({@code &} and {@code wait}):
 * <ol>
 * <li>label: per host one {@code ssh} that backs up daemon.json, adds the environment label with
 *     {@code jq} and sends the engine SIGHUP (as the move benchmark's by-hand side);</li>
 * <li>wait for the labels: {@code docker info} on each host every 100 ms until it shows the label;</li>
 * <li>pull: {@code docker --config REGISTRY_LOGIN pull IMAGE} on each host;</li>
 * <li>{@code docker network create} of the environment's network on each host;</li>
 * <li>{@code docker run -d} of every container at once, with the image, name, environment, labels,
 *     published ports, healthcheck, restart policy and stop timeout Envboard gives it (no depends_on
 *     order: a script runs everything);</li>
 * <li>{@code curl} on each entry point every 100 ms until it answers HTTP 200.</li>
 * </ol>
 */
final class DemoByHand implements AutoCloseable {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Sandbox sandbox;
    private final List<Sandbox.Engine> hosts;
    private final List<String> daemonJsons;
    private final DemoContainers containers;
    private final Path dockerConfig;
    private final String environment;
    private final Map<String, String> demoLabels;
    private final ExecutorService parallel = Executors.newFixedThreadPool(Floor.THREADS, r -> {
        Thread thread = new Thread(r, "cli-parallel");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param daemonJsons each host's daemon.json path (as pools.yaml names it), in the hosts' order
     * @param demoLabels  the labels Envboard puts on a demo's containers (owner, customer, template;
     *                    created is set at each run)
     */
    DemoByHand(Sandbox sandbox, List<Sandbox.Engine> hosts, List<String> daemonJsons, DemoContainers containers, Path dockerConfig,
               String environment, Map<String, String> demoLabels) {
        this.sandbox = sandbox;
        this.hosts = hosts;
        this.daemonJsons = daemonJsons;
        this.containers = containers;
        this.dockerConfig = dockerConfig;
        this.environment = environment;
        this.demoLabels = demoLabels;
    }

    void launch(PhaseClock clock) throws Exception {
        List<Work> labelWrites = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            int host = h;
            labelWrites.add(() -> label(host));
        }
        all(labelWrites);
        clock.mark("ssh label + reload");
        for (Sandbox.Engine host : hosts) {
            long deadline = System.nanoTime() + WAIT_NANOS;
            while (!sandbox.docker(host, "info", "--format", "{{json .Labels}}").contains("\"environment=" + environment + "\"")) {
                if (System.nanoTime() > deadline) {
                    throw new BenchFailure(host.name() + " did not show environment=" + environment + " within 60 s of the CLI's reload");
                }
                Thread.sleep(100);
            }
        }
        clock.mark("wait labels");
        List<Work> pulls = new ArrayList<>();
        for (Sandbox.Engine host : hosts) {
            for (String image : containers.images()) {
                pulls.add(() -> sandbox.docker(host, "--config", dockerConfig.toString(), "pull", "--quiet", image));
            }
        }
        all(pulls);
        clock.mark("pull");
        List<Work> networks = new ArrayList<>();
        for (Sandbox.Engine host : hosts) {
            networks.add(() -> sandbox.docker(host, "network", "create", "--label", "com.docker.stack.namespace=" + environment,
                    "--label", "dev.envboard.network=default", containers.network()));
        }
        all(networks);
        clock.mark("network create");
        String deployId = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> labels = new java.util.LinkedHashMap<>(demoLabels);
        labels.put(dev.envboard.demo.DemoLabels.CREATED, Instant.now().toString());
        List<Work> runs = new ArrayList<>();
        for (DemoContainers.Replica replica : containers.replicas()) {
            List<String> args = containers.runArguments(replica, replica.service().image(), labels, deployId);
            runs.add(() -> sandbox.docker(hosts.get(replica.host()), args.toArray(String[]::new)));
        }
        all(runs);
        clock.mark("docker run");
        for (DemoContainers.Entry entry : containers.entries()) {
            curlUntil200(entry);
        }
        clock.mark("curl until 200");
    }

    /** One ssh: backup, the label added with jq, the new file renamed into place, SIGHUP to the engine. */
    private void label(int host) throws Exception {
        Sandbox.Engine engine = hosts.get(host);
        String file = daemonJsons.get(host);
        String pid = sandbox.dir().resolve(engine.name()).resolve("docker.pid").toString();
        String jq = ".labels = ([(.labels // [])[] | select(startswith(\"environment=\") | not)] + [\"environment=" + environment + "\"])";
        String remote = "f=" + ShellQuote.quote(file) + " && cp -p \"$f\" \"$f.envboard-bench-backup\""
                + " && jq " + ShellQuote.quote(jq) + " \"$f\" > \"$f.envboard-bench-tmp\" && mv -f \"$f.envboard-bench-tmp\" \"$f\""
                + " && kill -HUP \"$(cat " + ShellQuote.quote(pid) + ")\"";
        Path ssh = sandbox.dir().resolve("ssh");
        run(List.of("ssh", "-F", "/dev/null", "-i", ssh.resolve("id_ed25519").toString(),
                "-o", "UserKnownHostsFile=" + ssh.resolve("known_hosts"), "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "root@" + engine.address(), remote), "ssh label on " + engine.name());
    }

    private void curlUntil200(DemoContainers.Entry entry) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        String last = "";
        while (true) {
            Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", entry.url())
                    .redirectErrorStream(true).start();
            last = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            curl.waitFor(10, TimeUnit.SECONDS);
            if (last.equals("200")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the CLI's entry point " + entry.target() + " (" + entry.url() + ") did not answer 200 within 60 s"
                        + " (curl's last status: " + last + ")");
            }
            Thread.sleep(100);
        }
    }

    /** Puts a daemon.json as the CLI's cleanup found it: its own backup and temp file go (the file itself is rewritten by DemoHosts). */
    void removeBackups() throws IOException {
        for (String file : daemonJsons) {
            Files.deleteIfExists(Path.of(file + ".envboard-bench-backup"));
            Files.deleteIfExists(Path.of(file + ".envboard-bench-tmp"));
        }
    }

    private static String run(List<String> command, String what) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new BenchFailure(what + " failed: " + output.trim());
        }
        return output;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /** Runs the commands side by side (a script's {@code &} and {@code wait}); the first failure is thrown. */
    private void all(List<Work> commands) throws Exception {
        List<Future<?>> futures = commands.stream().<Future<?>>map(w -> parallel.submit(() -> {
            w.run();
            return null;
        })).toList();
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
