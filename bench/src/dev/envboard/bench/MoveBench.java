package dev.envboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.move.HostMove;
import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code move}: a verified environment change of one host, Envboard vs the plain tools doing the
 * same correctly. Swarm: {@code docker node update --label-add} then {@code docker node inspect}.
 * Standalone: what a CI job does: compute the new daemon.json, ssh to copy a backup, write it and
 * SIGHUP the engine, then poll {@code docker info} until the label shows. Runs alternate.
 */
final class MoveBench implements Bench.Benchmark {
    private static final int WARMUP = 2;
    private static final int RUNS = 10;
    private static final String NODE = "envboard-swarm-3";
    private static final String HOST = "envboard-host-2";
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void run(BenchContext context) throws Exception {
        Sandbox sandbox = context.sandbox();
        Path daemonJson = sandbox.dir().resolve(HOST).resolve("daemon.json");
        byte[] originalDaemonJson = Files.readAllBytes(daemonJson);
        List<Path> filesBefore = listDir(daemonJson.getParent());
        try {
            Alternating.Result swarm = swarm(context);
            System.out.println("move-swarm: envboard=" + Samples.ms(swarm.envboard().median()) + " ms docker-cli="
                    + Samples.ms(swarm.cli().median()) + " ms ratio=" + Samples.ratio(swarm.ratio()));
            Alternating.Result standalone = standalone(context, daemonJson);
            System.out.println("move-standalone: envboard=" + Samples.ms(standalone.envboard().median())
                    + " ms ssh+edit+reload+poll=" + Samples.ms(standalone.cli().median()) + " ms ratio="
                    + Samples.ratio(standalone.ratio()) + " (p90 envboard " + Samples.ms(standalone.envboard().percentile(90)) + " ms)");
            System.out.println("move: swarm ratio=" + Samples.ratio(swarm.ratio()) + " (target <= 1.20), standalone envboard="
                    + Samples.ms(standalone.envboard().median()) + " ms (target < 2000 ms) ratio=" + Samples.ratio(standalone.ratio()));
        } finally {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", NODE);
            Files.write(daemonJson, originalDaemonJson);
            for (Path file : listDir(daemonJson.getParent())) {
                if (!filesBefore.contains(file) && file.getFileName().toString().contains(".envboard-backup-")) {
                    Files.delete(file); // the benchmark's own backups
                }
            }
            hup(sandbox.dir().resolve(HOST).resolve("docker.pid"));
        }
    }

    private static List<Path> listDir(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    private Alternating.Result swarm(BenchContext context) throws Exception {
        PoolSpec pool = context.app().pools().pool("sandbox-swarm").orElseThrow();
        Sandbox sandbox = context.sandbox();
        Host node = host(context, pool, NODE); // the board has the host already when a move starts
        return Alternating.measure(WARMUP, RUNS,
                i -> moveWithEnvboard(context, pool, node, i % 2 == 0 ? "qa" : "demo"),
                i -> {
                    String target = i % 2 == 0 ? "demo" : "qa";
                    sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + target, NODE);
                    String now = sandbox.docker(sandbox.manager(), "node", "inspect", "--format",
                            "{{index .Spec.Labels \"environment\"}}", NODE);
                    if (!now.equals(target)) {
                        throw new IllegalStateException("the CLI change did not show: " + now);
                    }
                });
    }

    private Alternating.Result standalone(BenchContext context, Path daemonJson) throws Exception {
        PoolSpec pool = context.app().pools().pool("sandbox-hosts").orElseThrow();
        Host host = host(context, pool, HOST);
        return Alternating.measure(WARMUP, RUNS,
                i -> moveWithEnvboard(context, pool, host, i % 2 == 0 ? "qa" : "demo"),
                i -> moveWithSshAndCli(context.sandbox(), daemonJson, i % 2 == 0 ? "demo" : "qa"));
    }

    private static void moveWithEnvboard(BenchContext context, PoolSpec pool, Host host, String to) {
        try {
            context.app().moveService().move(pool, HostMove.of(host, to));
        } catch (Exception e) {
            throw new IllegalStateException("Envboard's move failed: " + e.getMessage(), e);
        }
    }

    /** The by-hand way: new file computed locally (as with jq), then one ssh doing backup, write, reload. */
    private void moveWithSshAndCli(Sandbox sandbox, Path daemonJson, String target) throws Exception {
        ObjectNode config = (ObjectNode) json.readTree(Files.readString(daemonJson));
        ArrayNode labels = json.createArrayNode();
        config.withArray("labels").forEach(l -> {
            if (!l.asText().startsWith("environment=")) {
                labels.add(l.asText());
            }
        });
        labels.add("environment=" + target);
        config.set("labels", labels);
        byte[] next = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(config);

        Path ssh = sandbox.dir().resolve("ssh");
        String file = daemonJson.toString();
        String pid = daemonJson.resolveSibling("docker.pid").toString();
        Process process = new ProcessBuilder("ssh", "-i", ssh.resolve("id_ed25519").toString(),
                "-o", "UserKnownHostsFile=" + ssh.resolve("known_hosts"), "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "root@" + sandbox.engine(HOST).address(),
                "cp -p " + file + " " + file + ".bench-backup && cat > " + file + ".tmp && mv -f " + file + ".tmp " + file
                        + " && kill -HUP $(cat " + pid + ")").redirectErrorStream(true).start();
        process.getOutputStream().write(next);
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("ssh edit failed: " + output);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sandbox.docker(sandbox.engine(HOST), "info", "--format", "{{json .Labels}}").contains("environment=" + target)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the label did not show within 10 s");
            }
            Thread.sleep(100);
        }
        Files.deleteIfExists(Path.of(file + ".bench-backup"));
    }

    private static Host host(BenchContext context, PoolSpec pool, String name) {
        PoolSnapshot snapshot = context.app().poolInspector().inspect(pool).join();
        List<Host> hosts = snapshot.hosts();
        return hosts.stream().filter(h -> h.hostname().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no host " + name + " in " + pool.name()));
    }

    private static void hup(Path pidFile) throws Exception {
        new ProcessBuilder("sh", "-c", "kill -HUP \"$(cat '" + pidFile + "')\"").inheritIO().start().waitFor();
    }
}
