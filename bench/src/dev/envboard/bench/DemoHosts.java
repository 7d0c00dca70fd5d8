package dev.envboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's standalone hosts as the demo benchmark needs them: both in Unassigned with nothing
 * of the demo on them before every run (the set-up moves envboard-host-1 out of qa by hand), what is
 * left of the demo after a side's cleanup, and the hosts put back as they were at the end.
 */
final class DemoHosts implements AutoCloseable {
    private static final String KEY = "environment";
    private static final String NAMESPACE = "com.docker.stack.namespace";
    /** The label every revision of a pool record carries with its subject (PoolRecords' volumes on standalone engines). */
    private static final String RECORD_SUBJECT = "dev.envboard.record.subject";

    private final Sandbox sandbox;
    private final String environment;
    private final List<Sandbox.Engine> hosts;
    private final DaemonJsonGuard guard;
    /** Each host's daemon.json in Unassigned: as found, without the environment label. */
    private final Map<String, byte[]> free = new LinkedHashMap<>();
    private final Map<String, String> before = new LinkedHashMap<>();

    private DemoHosts(Sandbox sandbox, String environment, List<Sandbox.Engine> hosts, DaemonJsonGuard guard) {
        this.sandbox = sandbox;
        this.environment = environment;
        this.hosts = hosts;
        this.guard = guard;
    }

    /**
     * Remembers the hosts as they are and moves them to Unassigned by hand (daemon.json + reload).
     * Refused when a host runs any container: the demo publishes fixed ports, and the benchmark
     * must not remove what it did not make ({@code scripts/sandbox.sh reset} clears them).
     */
    static DemoHosts unassignAll(Sandbox sandbox, String environment) throws Exception {
        List<Sandbox.Engine> hosts = sandbox.standaloneHosts();
        for (Sandbox.Engine host : hosts) {
            String containers = sandbox.docker(host, "ps", "-a", "--format", "{{.Names}} ({{.Status}})");
            if (!containers.isBlank()) {
                throw new BenchFailure(host.name() + " runs containers the benchmark did not make: "
                        + String.join(", ", containers.lines().toList()) + "; `scripts/sandbox.sh reset` first");
            }
        }
        DemoHosts demoHosts = new DemoHosts(sandbox, environment, hosts,
                new DaemonJsonGuard(sandbox, hosts.stream().map(Sandbox.Engine::name).toList()));
        for (Sandbox.Engine host : hosts) {
            demoHosts.before.put(host.name(), demoHosts.guard.liveLabelMap(host.name()).get(KEY));
            demoHosts.free.put(host.name(), withoutEnvironment(demoHosts.guard.original(host.name())));
        }
        demoHosts.unassign();
        return demoHosts;
    }

    List<Sandbox.Engine> engines() {
        return hosts;
    }

    /** What each host was in before the benchmark (null: Unassigned), for the output. */
    Map<String, String> environmentsBefore() {
        return before;
    }

    /** Every host back in Unassigned, by hand (the file as it was without the label, then a reload), and verified. */
    void unassign() throws IOException, InterruptedException {
        for (Sandbox.Engine host : hosts) {
            java.nio.file.Path file = guard.daemonJson(host.name());
            if (!Arrays.equals(Files.readAllBytes(file), free.get(host.name()))) {
                Files.write(file, free.get(host.name()));
            }
            if (guard.liveLabelMap(host.name()).containsKey(KEY)) {
                guard.reload(host.name());
            }
        }
        for (Sandbox.Engine host : hosts) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String now;
            while ((now = guard.liveLabelMap(host.name()).get(KEY)) != null) {
                if (System.nanoTime() > deadline) {
                    throw new BenchFailure(host.name() + " still shows " + KEY + "=" + now + " 30 s after a reload with "
                            + guard.daemonJson(host.name()) + " without it");
                }
                Thread.sleep(100);
            }
            // Backups made by this run's label changes (Envboard's, the floor's, the CLI's).
            for (java.nio.file.Path sibling : guard.newSiblings(host.name())) {
                Files.deleteIfExists(sibling);
            }
        }
    }

    /** Removes whatever of the demo the hosts hold: containers, networks, record volumes. */
    void removeDemo() {
        for (Sandbox.Engine host : hosts) {
            List<String> containers = lines(sandbox.docker(host, "ps", "-aq", "--filter", "label=" + NAMESPACE + "=" + environment));
            List<String> named = lines(sandbox.docker(host, "ps", "-a", "--format", "{{.ID}} {{.Names}}", "--filter",
                    "name=" + environment + "_")).stream().map(l -> l.split(" ", 2)).filter(f -> f[1].startsWith(environment + "_"))
                    .map(f -> f[0]).toList();
            List<String> all = new ArrayList<>(containers);
            named.stream().filter(id -> !all.contains(id)).forEach(all::add);
            if (!all.isEmpty()) {
                List<String> args = new ArrayList<>(List.of("rm", "-f"));
                args.addAll(all);
                sandbox.docker(host, args.toArray(String[]::new));
            }
            for (String network : lines(sandbox.docker(host, "network", "ls", "-q", "--filter", "label=" + NAMESPACE + "=" + environment))) {
                sandbox.docker(host, "network", "rm", network);
            }
            for (String network : named(sandbox.docker(host, "network", "ls", "--format", "{{.Name}}", "--filter", "name=" + environment + "_"))) {
                sandbox.docker(host, "network", "rm", network);
            }
            List<String> volumes = lines(sandbox.docker(host, "volume", "ls", "-q", "--filter", "label=" + RECORD_SUBJECT + "=" + environment));
            if (!volumes.isEmpty()) {
                List<String> args = new ArrayList<>(List.of("volume", "rm"));
                args.addAll(volumes);
                sandbox.docker(host, args.toArray(String[]::new));
            }
        }
    }

    /** What is left of the demo, as the docker CLI shows it: containers, networks, record volumes, the environment label. */
    List<String> leftovers() {
        List<String> left = new ArrayList<>();
        for (Sandbox.Engine host : hosts) {
            String on = " on " + host.name();
            List<String> containers = new ArrayList<>(lines(sandbox.docker(host, "ps", "-a", "--format", "{{.Names}}",
                    "--filter", "label=" + NAMESPACE + "=" + environment)));
            named(sandbox.docker(host, "ps", "-a", "--format", "{{.Names}}", "--filter", "name=" + environment + "_")).stream()
                    .filter(n -> !containers.contains(n)).forEach(containers::add);
            containers.forEach(c -> left.add("container " + c + on));
            named(sandbox.docker(host, "network", "ls", "--format", "{{.Name}}", "--filter", "name=" + environment + "_"))
                    .forEach(n -> left.add("network " + n + on));
            lines(sandbox.docker(host, "network", "ls", "--format", "{{.Name}}", "--filter", "label=" + NAMESPACE + "=" + environment))
                    .stream().filter(n -> !n.startsWith(environment + "_")).forEach(n -> left.add("network " + n + on));
            lines(sandbox.docker(host, "volume", "ls", "--format", "{{.Name}}", "--filter", "label=" + RECORD_SUBJECT + "=" + environment))
                    .forEach(v -> left.add("record volume " + v + on));
            String label = guard.liveLabelMap(host.name()).get(KEY);
            if (label != null) {
                left.add("label " + KEY + "=" + label + on);
            }
        }
        return left;
    }

    /** Fails, with the engines' state, when anything of the demo is left. */
    void checkNothingLeft(String after) {
        List<String> left = leftovers();
        if (!left.isEmpty()) {
            throw new BenchFailure("after " + after + " something of " + environment + " is left:\n  " + String.join("\n  ", left)
                    + "\n" + state());
        }
    }

    /** The engines' state as the docker CLI shows it, with the standalone hosts' labels and record volumes. */
    String state() {
        StringBuilder text = new StringBuilder(EngineState.describe(sandbox, environment));
        for (Sandbox.Engine host : hosts) {
            text.append("\n  ").append(host.name()).append(" labels ");
            try {
                text.append(guard.liveLabels(host.name()));
            } catch (AssertionError e) {
                text.append("(").append(e.getMessage().trim()).append(")");
            }
            text.append(", record volumes: ");
            try {
                List<String> volumes = lines(sandbox.docker(host, "volume", "ls", "--format", "{{.Name}}", "--filter", "label=" + RECORD_SUBJECT));
                text.append(volumes.isEmpty() ? "none" : String.join(", ", volumes));
            } catch (AssertionError e) {
                text.append("(").append(e.getMessage().trim()).append(")");
            }
        }
        return text.toString();
    }

    /** The demo removed and the hosts' daemon.json, backups and labels as they were before the benchmark. */
    @Override
    public void close() throws Exception {
        try {
            removeDemo();
        } finally {
            guard.restore();
        }
    }

    /** Names that start with the environment's prefix (the CLI's name filter matches anywhere in the name). */
    private List<String> named(String output) {
        return lines(output).stream().filter(n -> n.startsWith(environment + "_")).toList();
    }

    static List<String> lines(String output) {
        return output.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    private static byte[] withoutEnvironment(byte[] daemonJson) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(daemonJson);
        if (!config.has("labels")) {
            return daemonJson;
        }
        ArrayNode labels = json.createArrayNode();
        config.withArray("labels").forEach(l -> {
            if (!l.asText().startsWith(KEY + "=")) {
                labels.add(l.asText());
            }
        });
        if (labels.size() == config.withArray("labels").size()) {
            return daemonJson;
        }
        config.set("labels", labels);
        return (json.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
