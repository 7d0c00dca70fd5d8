package dev.envboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envboard.cli.Prompt;
import dev.envboard.deploy.history.DeployRecord;
import dev.envboard.deploy.updates.EnvironmentUpdates;
import dev.envboard.deploy.updates.ServiceUpdate;
import dev.envboard.deploy.updates.UpdateState;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.testing.DaemonJsonGuard;
import dev.envboard.testing.LogCapture;
import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import dev.envboard.testing.TestCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Update available" against the sandbox's real registry and engines: a test-only moving tag is
 * pushed with the docker CLI, a standalone environment deployed from it, and the tag then moved to
 * :2's content. The digests expected come from the registry itself (curl), what runs from the
 * engines; the check, and {@code envboard status}, must say up to date, then old → new, then
 * unknown with the reason while the registry is stopped.
 */
@ExtendWith(SandboxExtension.class)
class UpdateAvailableTest {
    private static final String ENV = "updenv";
    private static final String TAG = "moving";
    private static final List<String> HOSTS = List.of("envboard-host-1", "envboard-host-2");
    private static final String SWARM_NODE = "envboard-swarm-3";
    private static final String SLEEPER = "[\"sh\", \"-c\", \"trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done\"]";

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private SandboxRegistry registry;
    private DeployFixture fixture;
    private DaemonJsonGuard guard;
    private boolean swarm;

    @AfterEach
    void tearDown() throws Exception {
        if (fixture == null) {
            return;
        }
        try {
            if (swarm) {
                fixture.removeStack(ENV);
                sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", SWARM_NODE);
            } else {
                fixture.removeContainers(ENV);
                guard.restore();
            }
            sandbox.docker(sandbox.engine(HOSTS.get(0)), "rmi", registry.image(TAG)); // the local tag only: the pushed one is the test's own
        } finally {
            fixture.close();
        }
    }

    /** Points the registry's moving tag at the content of {@code version}, pushed from one engine with the sandbox's login. */
    private void pushMovingTag(String version) {
        Sandbox.Engine engine = sandbox.engine(HOSTS.get(0));
        registry.pull(sandbox, engine, registry.image(version));
        sandbox.docker(engine, "tag", registry.image(version), registry.image(TAG));
        sandbox.docker(engine, "--config", registry.dockerConfig.toString(), "push", "-q", registry.image(TAG));
    }

    private EnvironmentUpdates check() {
        return check("sandbox-hosts");
    }

    private EnvironmentUpdates check(String pool) {
        PoolSnapshot snapshot = fixture.app.poolInspector().inspect(fixture.pool(pool)).join();
        return fixture.app.updateChecker().check(snapshot, ENV);
    }

    private String[] status(String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of("XDG_STATE_HOME", dir.resolve("state").toString(), "XDG_CONFIG_HOME", dir.resolve("state").toString(),
                "DOCKER_CONFIG", registry.dockerConfig.toString());
        List<String> args = new java.util.ArrayList<>(List.of("status", "--pool", "sandbox-hosts", "--config", dir.resolve("pools.yaml").toString()));
        args.addAll(List.of(more));
        int code = TestCli.of(env, config -> 1, Prompt.NOBODY).run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void aTagMovedInTheRegistryShowsAsUpdateAvailableWithBothDigestsAndAStoppedRegistryAsUnknown(Sandbox sandbox) throws Exception {
        this.sandbox = sandbox;
        registry = SandboxRegistry.of(sandbox);
        fixture = new DeployFixture(sandbox, dir, UnaryOperator.identity(), Map.of("DOCKER_CONFIG", registry.dockerConfig.toString()));
        guard = new DaemonJsonGuard(sandbox, HOSTS);
        for (String host : HOSTS) {
            guard.setEnvironment(host, ENV);
        }
        pushMovingTag("1");
        String before = registry.digest(TAG);
        String two = registry.digest("2");
        assertThat(two).as(":2 has other content than :1").isNotEqualTo(before);
        fixture.stack(ENV, """
                services:
                  web:
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                    deploy:
                      replicas: 2
                  local:
                    image: envboard/demo:1
                    pull_policy: never
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]
                    stop_grace_period: 1s
                """.formatted(registry.image(TAG)));
        DeployRecord deployed = fixture.redeploy("sandbox-hosts", ENV);
        assertThat(deployed.result()).as(deployed.error()).isEqualTo(DeployRecord.SUCCEEDED);

        EnvironmentUpdates current = check();
        ServiceUpdate web = service(current, "web");
        assertThat(web.state()).as(web.toString()).isEqualTo(UpdateState.UP_TO_DATE);
        assertThat(web.registryDigest()).isEqualTo(before);
        assertThat(web.running()).as("both hosts run a replica").containsOnlyKeys(HOSTS).containsValues(before);
        assertThat(service(current, "local").state()).isEqualTo(UpdateState.NOT_CHECKED);
        assertThat(service(current, "local").reason()).isEqualTo("pull_policy never");
        assertThat(current.requests()).as("one image: a manifest request and at most a login challenge and a retry").isBetween(1L, 3L);

        pushMovingTag("2");
        assertThat(registry.digest(TAG)).isEqualTo(two);

        EnvironmentUpdates moved = check();
        web = service(moved, "web");
        assertThat(web.state()).as(web.toString()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(web.runningDigests()).containsExactly(before);
        assertThat(web.registryDigest()).isEqualTo(two);
        assertThat(moved.available()).extracting(ServiceUpdate::service).containsExactly("web");
        assertThat(moved.requests()).isBetween(1L, 3L);

        String line = "sandbox-hosts/" + ENV + ": update available: web " + registry.image(TAG) + " "
                + ServiceUpdate.shortDigest(before) + " → " + ServiceUpdate.shortDigest(two);
        String[] text = status();
        System.out.println("status after the tag moved:\n" + text[1] + "requests of the two checks: " + current.requests()
                + ", " + moved.requests());
        assertThat(text[0]).as(text[2]).isEqualTo("0");
        assertThat(text[1]).contains(line);
        String[] json = status("--json");
        assertThat(json[0]).as(json[2]).isEqualTo("0");
        JsonNode mine = environment(json[1]);
        assertThat(mine.get("services").get(0).get("name").asText()).as("the status fields stay").isNotEmpty();
        JsonNode updates = mine.get("updates");
        assertThat(updates.get("updateAvailable").asBoolean()).isTrue();
        JsonNode webJson = serviceJson(updates, "web");
        assertThat(webJson.get("state").asText()).isEqualTo("UPDATE_AVAILABLE");
        assertThat(webJson.get("registryDigest").asText()).isEqualTo(two);
        assertThat(webJson.get("running").get("envboard-host-1").asText()).isEqualTo(before);
        assertThat(updates.get("registryRequests").asLong()).isBetween(1L, 3L);
        String[] skipped = status("--no-update-check");
        assertThat(skipped[1]).doesNotContain("update available");

        EnvironmentUpdates unreachable;
        String[] offline;
        try (LogCapture logs = LogCapture.start()) {
            sandbox.stopRegistry();
            try {
                unreachable = check();
                offline = status();
            } finally {
                sandbox.startRegistry();
            }
            assertThat(logs.text()).doesNotContain(registry.password);
        }
        web = service(unreachable, "web");
        assertThat(web.state()).isEqualTo(UpdateState.UNKNOWN);
        assertThat(web.registryFailed()).isTrue();
        assertThat(web.reason()).contains(registry.address).contains("unreachable").doesNotContain(registry.password);
        assertThat(unreachable.failure()).startsWith("web: ");
        assertThat(offline[0]).as("a registry that cannot be asked does not fail status").isEqualTo("0");
        assertThat(offline[2]).contains("sandbox-hosts/" + ENV + ": update check failed: web: ").contains(registry.address)
                .doesNotContain(registry.password);
        assertThat(offline[1]).doesNotContain("update available");
    }

    @Test
    void onASwarmTheRunningTasksDigestIsComparedPerNode(Sandbox sandbox) throws Exception {
        this.sandbox = sandbox;
        registry = SandboxRegistry.of(sandbox);
        fixture = new DeployFixture(sandbox, dir, UnaryOperator.identity(), Map.of("DOCKER_CONFIG", registry.dockerConfig.toString()));
        swarm = true;
        sandbox.docker(sandbox.manager(), "node", "update", "--label-add", "environment=" + ENV, SWARM_NODE);
        pushMovingTag("1");
        String before = registry.digest(TAG);
        fixture.stack(ENV, "services:\n  web:\n    image: " + registry.image(TAG) + "\n    command: " + SLEEPER
                + "\n    stop_grace_period: 1s\n");
        DeployRecord deployed = fixture.redeploy("sandbox-swarm", ENV);
        assertThat(deployed.result()).as(deployed.error()).isEqualTo(DeployRecord.SUCCEEDED);

        ServiceUpdate web = service(check("sandbox-swarm"), "web");
        assertThat(web.state()).as(web.toString()).isEqualTo(UpdateState.UP_TO_DATE);
        assertThat(web.running()).isEqualTo(Map.of(SWARM_NODE, before));

        pushMovingTag("2");
        web = service(check("sandbox-swarm"), "web");
        assertThat(web.state()).as(web.toString()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(web.runningDigests()).containsExactly(before);
        assertThat(web.registryDigest()).isEqualTo(registry.digest("2"));
    }

    private static ServiceUpdate service(EnvironmentUpdates updates, String name) {
        assertThat(updates.problem()).isNull();
        return updates.services().stream().filter(s -> s.service().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + updates));
    }

    private static JsonNode environment(String json) throws Exception {
        for (JsonNode environment : new ObjectMapper().readTree(json).get(0).get("environments")) {
            if (environment.get("environment").asText().equals(ENV)) {
                return environment;
            }
        }
        throw new AssertionError("no " + ENV + " in " + json);
    }

    private static JsonNode serviceJson(JsonNode updates, String name) {
        for (JsonNode service : updates.get("services")) {
            if (service.get("service").asText().equals(name)) {
                return service;
            }
        }
        throw new AssertionError("no " + name + " in " + updates);
    }
}
