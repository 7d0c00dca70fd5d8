package dev.envboard.deploy;

import dev.envboard.app.AppContext;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.pool.PoolSpec;
import dev.envboard.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A stacks folder of the test's own and a copy of the sandbox's pools.yaml pointing at it, so
 * deploy tests write exactly the stacks they need and leave the sandbox's examples alone. The copy
 * has no {@code registry-config:}: a test's registry logins are those of its DOCKER_CONFIG.
 */
final class DeployFixture implements AutoCloseable {
    final Sandbox sandbox;
    final Path stacks;
    final AppContext app;

    DeployFixture(Sandbox sandbox, Path dir) throws IOException {
        this(sandbox, dir, UnaryOperator.identity());
    }

    /** @param change changes the sandbox's pools.yaml text for this test (e.g. drops the Swarm's engines:) */
    DeployFixture(Sandbox sandbox, Path dir, UnaryOperator<String> change) throws IOException {
        this(sandbox, dir, change, Map.of());
    }

    /** @param env more of the app's environment, e.g. DOCKER_CONFIG for its registry logins */
    DeployFixture(Sandbox sandbox, Path dir, UnaryOperator<String> change, Map<String, String> env) throws IOException {
        this.sandbox = sandbox;
        this.stacks = Files.createDirectories(dir.resolve("stacks"));
        // The test picks the login (DOCKER_CONFIG in env), not the sandbox's pools (registry-config: its own, right login).
        String sandboxPools = Files.readString(sandbox.poolsFile()).replaceAll("(?m)^\\s*registry-config: .*\n", "");
        String pools = change.apply(sandboxPools).replaceAll("(?m)^(\\s*)stacks: .*$", "$1stacks: " + stacks);
        if (!pools.contains("stacks: " + stacks)) {
            pools = pools.replace("    label-key: environment\n", "    label-key: environment\n    stacks: " + stacks + "\n");
        }
        Path file = dir.resolve("pools.yaml");
        Files.writeString(file, pools);
        Path state = Files.createDirectories(dir.resolve("state"));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("XDG_STATE_HOME", state.toString());
        all.put("XDG_CONFIG_HOME", state.toString());
        this.app = AppContext.create(file, all);
    }

    PoolSpec pool(String name) {
        return app.pools().pool(name).orElseThrow();
    }

    void stack(String environment, String compose) throws IOException {
        Files.createDirectories(stacks.resolve(environment));
        Files.writeString(stacks.resolve(environment).resolve("compose.yaml"), compose);
    }

    void env(String environment, String dotEnv) throws IOException {
        Files.createDirectories(stacks.resolve(environment));
        Files.writeString(stacks.resolve(environment).resolve(".env"), dotEnv);
    }

    DeployRecord redeploy(String pool, String environment) {
        return app.redeployService().redeploy(pool(pool), environment, DeployListener.NONE, new CancelToken());
    }

    DeployRecord redeploy(String pool, String environment, DeployListener listener) {
        return app.redeployService().redeploy(pool(pool), environment, listener, new CancelToken());
    }

    /** IDs of the containers of an environment on one engine (running or not). */
    java.util.Set<String> containerIds(String engine, String environment) {
        String out = sandbox.docker(sandbox.engine(engine), "ps", "-aq", "--no-trunc", "--filter",
                "label=com.docker.stack.namespace=" + environment);
        return out.isBlank() ? java.util.Set.of() : java.util.Set.copyOf(out.lines().toList());
    }

    /** docker service ps on the manager: "node state" per running task of a service. */
    List<String> swarmTasks(String service) {
        String out = sandbox.docker(sandbox.manager(), "service", "ps", service, "--filter", "desired-state=running",
                "--format", "{{.Node}} {{.CurrentState}}");
        return out.isBlank() ? List.of() : out.lines().toList();
    }

    /** Names and ids of the containers of an environment on one standalone engine, from docker ps. */
    List<String> containers(String engine, String environment) {
        String out = sandbox.docker(sandbox.engine(engine), "ps", "-a", "--filter", "label=com.docker.stack.namespace=" + environment,
                "--format", "{{.Names}} {{.ID}} {{.State}}");
        return out.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(out.split("\n")));
    }

    void removeStack(String environment) {
        try {
            sandbox.docker(sandbox.manager(), "stack", "rm", environment);
        } catch (AssertionError nothing) {
            // nothing deployed
        }
    }

    void removeContainers(String environment) {
        for (Sandbox.Engine engine : sandbox.standaloneHosts()) {
            for (String line : containers(engine.name(), environment)) {
                sandbox.docker(engine, "rm", "-f", line.split(" ")[1]);
            }
            String networks = sandbox.docker(engine, "network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + environment);
            for (String id : networks.isBlank() ? List.<String>of() : networks.lines().toList()) {
                sandbox.docker(engine, "network", "rm", id);
            }
        }
    }

    @Override
    public void close() {
        app.close();
    }
}
