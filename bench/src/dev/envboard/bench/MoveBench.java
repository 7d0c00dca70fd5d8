package dev.envboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.Host;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.move.HostMove;
import dev.envboard.ssh.ShellQuote;
import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code move}: a verified environment change of one host, Envboard vs the plain tools doing the
 * same correctly, vs the floor. Each run moves the host to the environment it is not in (qa, demo).
 *
 * <p>Swarm. CLI: {@code docker node update --label-add} then {@code docker node inspect}. Floor, the
 * 3 calls of Envboard's NodeLabelWriter: {@code GET /nodes?filters={"id":[ID]}} (the node, its
 * version and spec), {@code POST /nodes/ID/update?version=N} (the spec with the label set),
 * {@code GET /nodes?filters={"id":[ID]}} (verify).
 *
 * <p>Standalone. CLI: what a CI job does: compute the new daemon.json, one ssh doing backup, write
 * and SIGHUP, then poll {@code docker info} until the label shows. Floor, what Envboard's
 * EngineLabelWriter does, on one SSH session logged in once (Envboard logs in for each change:
 * that login is timed on its own below): exec read daemon.json; {@code GET /info} (the labels
 * before); exec the checked atomic replace (sha256 check, backup, sync, rename) with the new file
 * on stdin; exec the reload command; {@code GET /info} every 200 ms until the label shows (the
 * first at once, as Envboard); exec pruning old backups. 4 SSH commands, 2 or more engine calls.
 */
final class MoveBench implements Bench.Benchmark {
    private static final int WARMUP = 3;
    private static final int RUNS = 12;
    private static final String NODE = "envboard-swarm-3";
    private static final String HOST = "envboard-host-2";
    private static final long POLL_MILLIS = 200; // EngineLabelWriter.DEFAULT_POLL_INTERVAL
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private final ObjectMapper json = new ObjectMapper();
    /** The environment the host is in now: each run moves it to the other one. */
    private String current;
    /** Where the floor's standalone move spends its time, step by step. */
    private final java.util.Map<String, Samples> floorSteps = new java.util.LinkedHashMap<>();

    @Override
    public void run(BenchContext context) throws Exception {
        Sandbox sandbox = context.sandbox();
        Path daemonJson = sandbox.dir().resolve(HOST).resolve("daemon.json");
        byte[] originalDaemonJson = Files.readAllBytes(daemonJson);
        List<Path> filesBefore = listDir(daemonJson.getParent());
        try (Floor floor = new Floor()) {
            Alternating.Result swarm = swarm(context, floor);
            System.out.println(Alternating.order());
            System.out.println("move-swarm: " + swarm.p90s());
            System.out.println("move-swarm: " + swarm.summary());
            PoolSpec pool = context.app().pools().pool("sandbox-hosts").orElseThrow();
            EngineSpec engine = engineOf(pool, HOST);
            try (FloorSsh ssh = new FloorSsh(engine.ssh())) {
                Alternating.Result standalone = standalone(context, pool, engine, floor, ssh, daemonJson);
                double login = sshLogin(ssh);
                System.out.println("move-standalone: " + standalone.p90s() + "; docker-cli is ssh+edit+reload+poll by hand");
                System.out.println("move-standalone: one SSH login (connect, key exchange, auth), which Envboard makes per change"
                        + " and the floor made once: " + Samples.ms(login) + " ms");
                StringBuilder steps = new StringBuilder("move-standalone: the floor's steps (median ms):");
                floorSteps.forEach((step, samples) -> steps.append(' ').append(step).append(' ').append(Samples.ms(samples.median())));
                System.out.println(steps);
                System.out.println("move-standalone: " + standalone.summary());
                System.out.println("move: swarm " + swarm.summary() + " (target ratio <= 1.20); standalone " + standalone.summary()
                        + " (target envboard < 2000 ms)");
            }
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

    private String next() {
        return "qa".equals(current) ? "demo" : "qa";
    }

    private Alternating.Result swarm(BenchContext context, Floor floor) throws Exception {
        PoolSpec pool = context.app().pools().pool("sandbox-swarm").orElseThrow();
        Sandbox sandbox = context.sandbox();
        Host node = host(context, pool, NODE); // the board has the host already when a move starts
        current = node.environment();
        RawEngine manager = floor.engine(pool.manager());
        return Alternating.measure(WARMUP, RUNS,
                i -> moveWithEnvboard(context, pool, node, next()),
                i -> {
                    String target = next();
                    sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + target, NODE);
                    String now = sandbox.docker(sandbox.manager(), "node", "inspect", "--format",
                            "{{index .Spec.Labels \"environment\"}}", NODE);
                    if (!now.equals(target)) {
                        throw new BenchFailure("the CLI change did not show: " + now);
                    }
                    current = target;
                },
                i -> {
                    String target = next();
                    String byId = "/nodes?" + Floor.filters("{\"id\":[\"" + node.nodeId() + "\"]}");
                    JsonNode read = exactNode(manager.get(byId).ok("node").body(), node.nodeId());
                    ObjectNode spec = (ObjectNode) read.get("Spec");
                    spec.with("Labels").put("environment", target);
                    manager.call("POST", "/nodes/" + node.nodeId() + "/update?version=" + read.path("Version").path("Index").asLong(),
                            json.writeValueAsString(spec)).ok("node update");
                    String now = exactNode(manager.get(byId).ok("node").body(), node.nodeId()).path("Spec").path("Labels")
                            .path("environment").asText();
                    if (!now.equals(target)) {
                        throw new BenchFailure("the floor's change did not show: " + now);
                    }
                    current = target;
                });
    }

    private JsonNode exactNode(byte[] body, String id) throws IOException {
        for (JsonNode node : json.readTree(body)) {
            if (id.equals(node.path("ID").asText())) {
                return node;
            }
        }
        throw new BenchFailure("the manager has no node " + id);
    }

    private Alternating.Result standalone(BenchContext context, PoolSpec pool, EngineSpec engine, Floor floor, FloorSsh ssh,
                                          Path daemonJson) throws Exception {
        Host host = host(context, pool, HOST);
        current = host.environment();
        RawEngine api = floor.engine(engine.endpoint());
        return Alternating.measure(WARMUP, RUNS,
                i -> moveWithEnvboard(context, pool, host, next()),
                i -> moveWithSshAndCli(context.sandbox(), daemonJson, next()),
                i -> moveWithFloor(api, ssh, engine, next()));
    }

    private void moveWithEnvboard(BenchContext context, PoolSpec pool, Host host, String to) {
        try {
            context.app().moveService().move(pool, HostMove.of(host, to));
            current = to;
        } catch (Exception e) {
            throw new BenchFailure("Envboard's move of " + host.displayName() + " to " + to + " failed: " + e.getMessage(), e);
        }
    }

    /** The by-hand way: new file computed locally (as with jq), then one ssh doing backup + write + reload. */
    private void moveWithSshAndCli(Sandbox sandbox, Path daemonJson, String target) throws Exception {
        byte[] next = withEnvironment(Files.readAllBytes(daemonJson), target);
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
            throw new BenchFailure("ssh edit failed: " + output);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sandbox.docker(sandbox.engine(HOST), "info", "--format", "{{json .Labels}}").contains("environment=" + target)) {
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the label did not show within 10 s of the CLI's reload");
            }
            Thread.sleep(100);
        }
        Files.deleteIfExists(Path.of(file + ".bench-backup"));
        current = target;
    }

    /** EngineLabelWriter's steps, minimal: see the class comment. */
    private void moveWithFloor(RawEngine api, FloorSsh ssh, EngineSpec engine, String target) throws Exception {
        String path = engine.daemonJson();
        long t = System.nanoTime();
        byte[] before = ssh.exec(script(path, "[ -e \"$f\" ] || exit 3\nexec cat -- \"$f\""), null).ok("read daemon.json").out();
        t = step("read", t);
        labels(api.get("/info").ok("info").body()); // the engine's labels before, as Envboard checks them
        t = step("labels-before", t);
        byte[] next = withEnvironment(before, target);
        String replace = """
                backup="$f.envboard-backup-"%s
                tmp=$(mktemp "$f.envboard-tmp-XXXXXX")
                trap 'rm -f -- "$tmp"' EXIT
                cat > "$tmp"
                got=$(sha256sum < "$tmp")
                [ "${got%%%% *}" = %s ] || exit 10
                now=$(sha256sum < "$f"); now=${now%%%% *}
                [ "$now" = %s ] || exit 11
                cp -p -- "$f" "$backup"
                chmod --reference="$f" -- "$tmp"
                sync -- "$backup"
                sync -- "$tmp"
                mv -f -- "$tmp" "$f"
                trap - EXIT
                printf '%%s\\n' "$backup"
                """.formatted(ShellQuote.quote(STAMP.format(Instant.now())), sha256(next), sha256(before));
        ssh.exec(script(path, replace), next).ok("replace daemon.json");
        t = step("replace", t);
        ssh.exec(engine.reloadCommand(), null).ok("reload");
        t = step("reload", t);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!labels(api.get("/info").ok("info").body()).contains("environment=" + target)) {
            if (System.nanoTime() > deadline) {
                throw new BenchFailure("the floor's label did not show within 10 s of its reload");
            }
            Thread.sleep(POLL_MILLIS);
        }
        t = step("verify", t);
        ssh.exec(script(path, """
                set -- "$f".envboard-backup-*
                [ -e "$1" ] || exit 0
                n=$#
                for b do
                  [ "$n" -gt 5 ] || break
                  rm -f -- "$b"
                  n=$((n - 1))
                done
                """), null).ok("prune backups");
        step("prune", t);
        current = target;
    }

    private long step(String name, long since) {
        long now = System.nanoTime();
        floorSteps.computeIfAbsent(name, k -> new Samples()).add(now - since);
        return now;
    }

    /** As Envboard runs each step: under sh -c, with $f the real path of daemon.json. */
    private static String script(String path, String body) {
        String quoted = ShellQuote.quote(path);
        return "sh -c " + ShellQuote.quote("set -eu\nLC_ALL=C; export LC_ALL\nf=$(readlink -f -- " + quoted + ") || f=" + quoted + "\n" + body);
    }

    private List<String> labels(byte[] info) throws IOException {
        JsonNode labels = json.readTree(info).path("Labels");
        return labels.isArray() ? java.util.stream.StreamSupport.stream(labels.spliterator(), false).map(JsonNode::asText).toList() : List.of();
    }

    private byte[] withEnvironment(byte[] daemonJson, String target) throws IOException {
        ObjectNode config = (ObjectNode) json.readTree(daemonJson);
        ArrayNode labels = json.createArrayNode();
        config.withArray("labels").forEach(l -> {
            if (!l.asText().startsWith("environment=")) {
                labels.add(l.asText());
            }
        });
        labels.add("environment=" + target);
        config.set("labels", labels);
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(config);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Median of 10 fresh logins to the host, closed at once. */
    private static double sshLogin(FloorSsh ssh) throws IOException {
        Samples logins = new Samples();
        for (int i = 0; i < 12; i++) {
            long start = System.nanoTime();
            var session = ssh.login();
            long nanos = System.nanoTime() - start;
            session.close(true);
            if (i >= 2) {
                logins.add(nanos);
            }
        }
        return logins.median();
    }

    private static EngineSpec engineOf(PoolSpec pool, String name) {
        return pool.engines().stream().filter(e -> name.equals(e.name())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no engine " + name + " in " + pool.name()));
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
