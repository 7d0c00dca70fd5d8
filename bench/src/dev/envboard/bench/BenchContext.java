package dev.envboard.bench;

import dev.envboard.app.AppContext;
import java.io.IOException;
import dev.envboard.testing.Sandbox;
import java.util.List;
import java.util.Map;

/** What a benchmark works with: Envboard's services on the sandbox, and the plain docker CLI. */
final class BenchContext implements AutoCloseable {
    private final Sandbox sandbox;
    private final AppContext app;

    private BenchContext(Sandbox sandbox, AppContext app) {
        this.sandbox = sandbox;
        this.app = app;
    }

    static BenchContext fromSandbox() throws IOException {
        Sandbox sandbox = Sandbox.existing();
        return new BenchContext(sandbox, AppContext.create(sandbox.poolsFile(), Map.of()));
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
