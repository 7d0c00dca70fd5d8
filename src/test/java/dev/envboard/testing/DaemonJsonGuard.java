package dev.envboard.testing;

import dev.envboard.pool.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Remembers the standalone hosts' daemon.json (bytes, backups beside it, live labels) and puts
 * everything back afterwards, so a test that changes engine labels leaves the sandbox as it was.
 */
public final class DaemonJsonGuard {
    private final Sandbox sandbox;
    private final List<String> hosts;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, Set<Path>> siblings = new LinkedHashMap<>();
    private final Map<String, List<String>> labels = new LinkedHashMap<>();

    public DaemonJsonGuard(Sandbox sandbox, List<String> hosts) throws IOException {
        this.sandbox = sandbox;
        this.hosts = List.copyOf(hosts);
        for (String host : hosts) {
            files.put(host, Files.readAllBytes(daemonJson(host)));
            siblings.put(host, siblings(host));
            labels.put(host, liveLabels(host));
        }
    }

    public Path daemonJson(String host) {
        return sandbox.dir().resolve(host).resolve("daemon.json");
    }

    public byte[] original(String host) {
        return files.get(host).clone();
    }

    /** daemon.json's backups and temp files, by name (so by time for backups). */
    public Set<Path> siblings(String host) throws IOException {
        Path file = daemonJson(host);
        try (Stream<Path> list = Files.list(file.getParent())) {
            return new TreeSet<>(list.filter(p -> p.getFileName().toString().startsWith(file.getFileName() + ".envboard-")).toList());
        }
    }

    /** Backups and temp files beside daemon.json that were not there when this guard was created. */
    public Set<Path> newSiblings(String host) throws IOException {
        Set<Path> now = siblings(host);
        now.removeAll(siblings.get(host));
        return now;
    }

    /** Backups made since this guard was created. */
    public List<Path> newBackups(String host) throws IOException {
        return siblings(host).stream()
                .filter(p -> p.getFileName().toString().contains(".envboard-backup-"))
                .filter(p -> !siblings.get(host).contains(p))
                .toList();
    }

    /** The engine's labels as the docker CLI reports them. */
    public List<String> liveLabels(String host) {
        String joined = sandbox.docker(sandbox.engine(host), "info", "--format", "{{join .Labels \",\"}}");
        return joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    public Map<String, String> liveLabelMap(String host) {
        return Labels.fromEngineList(liveLabels(host).toArray(String[]::new));
    }

    public void reload(String host) throws IOException, InterruptedException {
        Path pidFile = daemonJson(host).resolveSibling("docker.pid");
        Process kill = new ProcessBuilder("sh", "-c", "kill -HUP \"$(cat '" + pidFile + "')\"").inheritIO().start();
        if (!kill.waitFor(30, TimeUnit.SECONDS)) {
            throw new IOException("kill -HUP did not finish");
        }
        if (kill.exitValue() != 0) {
            throw new IOException("kill -HUP of the dockerd in " + pidFile + " failed (exit " + kill.exitValue() + ")");
        }
    }

    /** Sets a host's environment by hand (edit + reload), as an operator would; null for Unassigned; restore() undoes it. */
    public void setEnvironment(String host, String environment) throws IOException, InterruptedException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode config =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(Files.readString(daemonJson(host)));
        com.fasterxml.jackson.databind.node.ArrayNode labels = json.createArrayNode();
        config.withArray("labels").forEach(label -> {
            if (!label.asText().startsWith("environment=")) {
                labels.add(label.asText());
            }
        });
        if (environment != null) {
            labels.add("environment=" + environment);
        }
        config.set("labels", labels);
        Files.writeString(daemonJson(host), json.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n");
        if (environment == null) {
            reloadUntil(host, live -> live.stream().noneMatch(l -> l.startsWith("environment=")), "no environment= label");
        } else {
            reloadUntil(host, live -> live.contains("environment=" + environment), "environment=" + environment);
        }
    }

    /** Every host is put back even when one of them fails; the first failure is thrown at the end. */
    public void restore() throws IOException, InterruptedException {
        Exception first = null;
        for (String host : hosts) {
            try {
                restore(host);
            } catch (IOException | RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first instanceof RuntimeException runtime) {
            throw runtime;
        }
    }

    private void restore(String host) throws IOException, InterruptedException {
        Path file = daemonJson(host);
        if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), files.get(host))) {
            Files.write(file, files.get(host));
        }
        for (Path sibling : siblings(host)) {
            if (!siblings.get(host).contains(sibling)) {
                Files.delete(sibling);
            }
        }
        // dockerd de-duplicates labels through a Go map, so their order after a reload is random.
        Set<String> before = new TreeSet<>(labels.get(host));
        reloadUntil(host, live -> new TreeSet<>(live).equals(before), before.toString());
    }

    /** Reloads once and waits for the engine to show what is expected; if it does not, says what it shows. */
    private void reloadUntil(String host, Predicate<List<String>> shown, String expected) throws IOException, InterruptedException {
        List<String> live = liveLabels(host);
        if (shown.test(live)) {
            return;
        }
        reload(host);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!shown.test(live)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(host + " still shows labels " + live + " instead of " + expected
                        + " 30 s after reloading " + daemonJson(host) + " (" + Files.readString(daemonJson(host)).strip() + ")");
            }
            Thread.sleep(200);
            live = liveLabels(host);
        }
    }
}
