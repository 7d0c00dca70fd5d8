package dev.envboard.bench;

import dev.envboard.app.AppContext;
import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a benchmark works with: Envboard's services on the sandbox, and the plain docker CLI. */
final class BenchContext implements AutoCloseable {
    private final Sandbox sandbox;
    private final AppContext app;
    private final Path stacksDir;

    private BenchContext(Sandbox sandbox, AppContext app, Path stacksDir) {
        this.sandbox = sandbox;
        this.app = app;
        this.stacksDir = stacksDir;
    }

    /** Envboard's own files (audit log, window state) go to a temp dir, not the user's. */
    static BenchContext fromSandbox() throws IOException {
        return create(Sandbox.existing(), null, null);
    }

    /** The same sandbox with the pools' stacks: folder pointing at {@code stacks}. */
    BenchContext withStacks(Path stacks) throws IOException {
        return create(sandbox, stacks, null);
    }

    /** The same, every pool pulling with the logins of the docker config dir {@code registryConfig}. */
    BenchContext withStacks(Path stacks, Path registryConfig) throws IOException {
        return create(sandbox, stacks, registryConfig, null);
    }

    /**
     * The same sandbox with every pool's demo templates in {@code templates} (whichever checkout last
     * wrote the sandbox's pools.yaml, the benchmark runs this one's), pulling with the logins of
     * {@code registryConfig}.
     */
    BenchContext withTemplates(Path templates, Path registryConfig) throws IOException {
        return create(sandbox, null, registryConfig, templates);
    }

    private static BenchContext create(Sandbox sandbox, Path stacks, Path registryConfig) throws IOException {
        return create(sandbox, stacks, registryConfig, null);
    }

    private static BenchContext create(Sandbox sandbox, Path stacks, Path registryConfig, Path templates) throws IOException {
        Path scratch = Files.createTempDirectory("envboard-bench");
        String pools = Files.readString(sandbox.poolsFile());
        if (stacks != null) {
            pools = pools.replaceAll("(?m)^(\\s*)stacks: .*$", "$1stacks: " + stacks);
        }
        if (registryConfig != null) {
            pools = pools.replaceAll("(?m)^\\s*registry-config: .*\n", "")
                    .replaceAll("(?m)^(\\s*)(label-key: .*)$", "$1$2\n$1registry-config: " + registryConfig);
        }
        if (templates != null) {
            pools = pools.replaceAll("(?m)^\\s*templates: .*\n", "")
                    .replaceAll("(?m)^(\\s*)(label-key: .*)$", "$1$2\n$1templates: " + templates);
        }
        if (CallTrace.enabled()) {
            pools = traced(sandbox, pools, scratch);
        }
        Path file = scratch.resolve("pools.yaml");
        Files.writeString(file, pools);
        return new BenchContext(sandbox, AppContext.create(file,
                Map.of("XDG_STATE_HOME", scratch.toString(), "XDG_CONFIG_HOME", scratch.toString())), stacks);
    }

    private static final Map<String, Path> PROXIES = new HashMap<>();

    /** pools.yaml with every engine endpoint behind a recording proxy (see {@link CallTrace}). */
    private static String traced(Sandbox sandbox, String pools, Path scratch) throws IOException {
        return throughProxies(sandbox, pools, engine -> {
            synchronized (PROXIES) {
                Path proxy = PROXIES.get(engine.name());
                if (proxy == null) {
                    proxy = CallTrace.proxies(engine.name(), Path.of(engine.dockerHost().substring("unix://".length())), scratch);
                    PROXIES.put(engine.name(), proxy);
                }
                return proxy;
            }
        });
    }

    /** Gives the unix socket that stands in front of a sandbox engine. */
    @FunctionalInterface
    interface ProxyFor {
        Path socket(Sandbox.Engine engine) throws IOException;
    }

    /**
     * pools.yaml with every engine endpoint replaced by the unix socket {@code proxyFor} gives for
     * that engine (a TLS endpoint by the proxy of the engine's unix socket, its tls: line dropped).
     */
    static String throughProxies(Sandbox sandbox, String pools, ProxyFor proxyFor) throws IOException {
        List<String> out = new ArrayList<>();
        boolean dropTls = false;
        for (String line : pools.split("\n", -1)) {
            String trimmed = line.trim();
            if (dropTls && trimmed.startsWith("tls: ")) {
                dropTls = false;
                continue;
            }
            dropTls = false;
            if (trimmed.startsWith("endpoint: ")) {
                String endpoint = trimmed.substring("endpoint: ".length());
                Sandbox.Engine engine = sandbox.engines().stream()
                        .filter(e -> e.dockerHost().equals(endpoint) || endpoint.startsWith("tcp://" + e.address() + ":"))
                        .findFirst().orElseThrow(() -> new IllegalStateException("no sandbox engine for " + endpoint));
                out.add(line.substring(0, line.indexOf("endpoint: ")) + "endpoint: unix://" + proxyFor.socket(engine));
                dropTls = endpoint.startsWith("tcp://");
                continue;
            }
            out.add(line);
        }
        return String.join("\n", out);
    }

    Path stacksDir() {
        return stacksDir;
    }

    AppContext app() {
        return app;
    }

    Sandbox sandbox() {
        return sandbox;
    }

    Sandbox.Engine manager() {
        return sandbox.manager();
    }

    List<Sandbox.Engine> standalone() {
        return sandbox.standaloneHosts();
    }

    /** Runs a docker CLI command to completion and returns its output; fails on a non-zero exit. */
    String docker(Sandbox.Engine engine, String... args) {
        return sandbox.docker(engine, args);
    }

    @Override
    public void close() {
        app.close();
    }
}
