package dev.envboard.bench;

import dev.envboard.app.AppContext;
import java.io.IOException;
import dev.envboard.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Sandbox sandbox = Sandbox.existing();
        String scratch = Files.createTempDirectory("envboard-bench").toString();
        return new BenchContext(sandbox, AppContext.create(sandbox.poolsFile(),
                Map.of("XDG_STATE_HOME", scratch, "XDG_CONFIG_HOME", scratch)), null);
    }

    /** The same sandbox with the pools' stacks: folder pointing at {@code stacks}. */
    BenchContext withStacks(Path stacks) throws IOException {
        String pools = Files.readString(sandbox.poolsFile()).replaceAll("(?m)^(\\s*)stacks: .*$", "$1stacks: " + stacks);
        Path scratch = Files.createTempDirectory("envboard-bench");
        Path file = scratch.resolve("pools.yaml");
        Files.writeString(file, pools);
        return new BenchContext(sandbox, AppContext.create(file,
                Map.of("XDG_STATE_HOME", scratch.toString(), "XDG_CONFIG_HOME", scratch.toString())), stacks);
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
