package dev.envboard.deploy.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSnapshot;
import dev.envboard.pool.PoolSpec;
import dev.envboard.pool.PoolStatus;
import dev.envboard.registry.ImageRef;
import dev.envboard.registry.ImageResolver;
import dev.envboard.registry.RegistryException;
import dev.envboard.registry.ResolvedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decisions of the update check, with a registry and engines of the test's own (the sandbox test asks real ones). */
class UpdateCheckerTest {
    private static final String OLD = "sha256:" + "a".repeat(64);
    private static final String NEW = "sha256:" + "b".repeat(64);
    private static final String REG = "registry.test:5443";

    @TempDir
    Path dir;
    private final Map<String, Object> registry = new HashMap<>(); // image -> digest or RegistryException
    private final List<String> asked = new ArrayList<>();
    private Map<String, Map<String, String>> running = new HashMap<>();
    private PoolSnapshot snapshot;

    private final ImageResolver resolver = new ImageResolver() {
        @Override
        public ResolvedImage resolve(ImageRef image) throws RegistryException {
            asked.add(image.toString());
            Object answer = registry.get(image.toString());
            if (answer instanceof RegistryException e) {
                throw e;
            }
            if (answer == null) {
                throw new RegistryException(image + " at " + image.registry() + ": unknown tag");
            }
            return new ResolvedImage(image, (String) answer, (String) answer);
        }

        @Override
        public long requestCount() {
            return asked.size() * 2L;
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        Path stacks = Files.createDirectories(dir.resolve("stacks"));
        PoolSpec pool = new PoolSpec("lab", PoolKind.SWARM, "environment", LabelScope.NODE,
                EndpointSpec.parse("tcp://manager.lab:2376", null, true), List.of(), stacks, "test", null);
        snapshot = new PoolSnapshot(pool, PoolKind.SWARM, PoolStatus.ONLINE, "", List.of(), Instant.EPOCH);
    }

    private UpdateChecker checker() {
        return new UpdateChecker(new StackLoader(), (snap, env) -> running, pool -> resolver,
                Clock.fixed(Instant.parse("2026-02-01T10:00:00Z"), ZoneOffset.UTC));
    }

    private void stack(String environment, String compose) throws Exception {
        Path folder = Files.createDirectories(snapshot.pool().stacksDir().resolve(environment));
        Files.writeString(folder.resolve("compose.yaml"), compose);
    }

    private static ServiceUpdate service(EnvironmentUpdates updates, String name) {
        return updates.services().stream().filter(s -> s.service().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void eachServiceGetsItsOwnVerdictAndOneThatCannotBeAskedDoesNotStopTheOthers() throws Exception {
        stack("qa", """
                services:
                  web:
                    image: %1$s/demo:latest
                  api:
                    image: %1$s/demo:stable
                  worker:
                    image: %1$s/other:1
                  local:
                    image: envboard/demo:1
                    pull_policy: never
                  pinned:
                    image: %1$s/demo@%2$s
                  idle:
                    image: %1$s/demo:latest
                """.formatted(REG, OLD));
        registry.put(REG + "/demo:latest", NEW);
        registry.put(REG + "/demo:stable", OLD);
        registry.put(REG + "/other:1", new RegistryException(REG + "/other:1: registry " + REG + " unreachable: connection refused"));
        running = Map.of("web", Map.of("h1", OLD, "h2", OLD), "api", Map.of("h1", OLD), "worker", Map.of("h2", OLD),
                "local", Map.of("h1", OLD), "pinned", Map.of("h1", OLD));

        EnvironmentUpdates updates = checker().check(snapshot, "qa");

        assertThat(updates.problem()).isNull();
        assertThat(service(updates, "web").state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(service(updates, "web").runningDigests()).containsExactly(OLD);
        assertThat(service(updates, "web").registryDigest()).isEqualTo(NEW);
        assertThat(service(updates, "web").describe()).isEqualTo("web " + REG + "/demo:latest sha256:aaaaaaaaaaaa… → sha256:bbbbbbbbbbbb…");
        assertThat(service(updates, "api").state()).isEqualTo(UpdateState.UP_TO_DATE);
        assertThat(service(updates, "worker").state()).isEqualTo(UpdateState.UNKNOWN);
        assertThat(service(updates, "worker").reason()).contains("unreachable").contains(REG);
        assertThat(service(updates, "local").state()).isEqualTo(UpdateState.NOT_CHECKED);
        assertThat(service(updates, "local").reason()).isEqualTo("pull_policy never");
        assertThat(service(updates, "pinned").state()).isEqualTo(UpdateState.NOT_CHECKED);
        assertThat(service(updates, "pinned").reason()).isEqualTo("pinned to a digest");
        assertThat(service(updates, "idle").state()).isEqualTo(UpdateState.UNKNOWN);
        assertThat(service(updates, "idle").reason()).isEqualTo("not running");
        assertThat(service(updates, "idle").registryFailed()).isFalse();
        assertThat(updates.available()).extracting(ServiceUpdate::service).containsExactly("web");
        assertThat(updates.failure()).as("only the registry that did not answer").startsWith("worker: ").doesNotContain("idle");
        assertThat(asked).as("each image once; nothing asked for never, pinned or not running")
                .containsExactlyInAnyOrder(REG + "/demo:latest", REG + "/demo:stable", REG + "/other:1");
        assertThat(updates.requests()).isEqualTo(6);
        assertThat(updates.checkedAt()).isEqualTo(Instant.parse("2026-02-01T10:00:00Z"));
    }

    @Test
    void hostsThatRunDifferentDigestsAreNamedAndTheServiceHasAnUpdateWhenOneIsBehind() throws Exception {
        stack("qa", "services:\n  web:\n    image: " + REG + "/demo:latest\n");
        registry.put(REG + "/demo:latest", NEW);
        running = Map.of("web", Map.of("h1", OLD, "h2", NEW));

        ServiceUpdate web = service(checker().check(snapshot, "qa"), "web");

        assertThat(web.state()).isEqualTo(UpdateState.UPDATE_AVAILABLE);
        assertThat(web.running()).containsEntry("h1", OLD).containsEntry("h2", NEW);
        assertThat(web.reason()).isEqualTo("hosts differ: h1 sha256:aaaaaaaaaaaa…, h2 sha256:bbbbbbbbbbbb…");
    }

    @Test
    void anImageRunWithoutADigestIsUnknownWithoutAskingTheRegistry() throws Exception {
        stack("qa", "services:\n  web:\n    image: " + REG + "/demo:latest\n");
        Map<String, String> noDigest = new HashMap<>();
        noDigest.put("h1", null);
        running = Map.of("web", noDigest);

        ServiceUpdate web = service(checker().check(snapshot, "qa"), "web");

        assertThat(web.state()).isEqualTo(UpdateState.UNKNOWN);
        assertThat(web.reason()).contains("without a registry digest");
        assertThat(asked).isEmpty();
    }

    @Test
    void environmentsOfOneRoundAskForASharedImageOnceAndAStackThatDoesNotLoadIsTheEnvironmentsProblem() throws Exception {
        stack("qa", "services:\n  web:\n    image: " + REG + "/demo:latest\n");
        stack("demo", "services:\n  web:\n    image: " + REG + "/demo:latest\n");
        stack("broken", "services:\n  web:\n    command: [sleep, \"1\"]\n");
        registry.put(REG + "/demo:latest", OLD);
        running = Map.of("web", Map.of("h1", OLD));

        List<EnvironmentUpdates> round = checker().check(snapshot, List.of("qa", "demo", "broken", "nostack"));

        assertThat(round).extracting(EnvironmentUpdates::environment).containsExactly("qa", "demo", "broken", "nostack");
        assertThat(round.get(0).services()).extracting(ServiceUpdate::state).containsExactly(UpdateState.UP_TO_DATE);
        assertThat(round.get(1).services()).extracting(ServiceUpdate::state).containsExactly(UpdateState.UP_TO_DATE);
        assertThat(asked).containsExactly(REG + "/demo:latest");
        assertThat(round.get(0).requests()).isEqualTo(2);
        assertThat(round.get(1).requests()).isZero();
        assertThat(round.get(2).problem()).startsWith("the stack of broken does not load: ").contains("compose.yaml");
        assertThat(round.get(2).failure()).isEqualTo(round.get(2).problem());
        assertThat(round.get(3).services()).isEmpty();
        assertThat(round.get(3).failure()).isNull();
    }

    @Test
    void enginesThatCannotBeReadAreTheEnvironmentsProblemNotAnException() throws Exception {
        stack("qa", "services:\n  web:\n    image: " + REG + "/demo:latest\n");
        UpdateChecker checker = new UpdateChecker(new StackLoader(), (snap, env) -> {
            throw new IllegalStateException("manager.lab: connection refused");
        }, pool -> resolver, Clock.systemUTC());

        EnvironmentUpdates updates = checker.check(snapshot, "qa");

        assertThat(updates.problem()).isEqualTo("what qa runs could not be read: manager.lab: connection refused");
        assertThat(asked).isEmpty();
    }
}
