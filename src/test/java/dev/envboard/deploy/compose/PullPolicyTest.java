package dev.envboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compose's pull_policy per service, and which policy a run applies when --pull is given or not. */
class PullPolicyTest {
    @TempDir
    Path dir;

    private StackFixture stacks;

    @BeforeEach
    void setUp() {
        stacks = new StackFixture(dir);
    }

    @Test
    void readsEachPolicyAndLeavesItNullWhenNotWritten() throws StackException {
        stacks.write("qa/compose.yaml", """
                services:
                  a: {image: a, pull_policy: always}
                  b: {image: b, pull_policy: missing}
                  c: {image: c, pull_policy: never}
                  d: {image: d, pull_policy: if_not_present}
                  e: {image: e, pull_policy: "${POLICY}"}
                  f: {image: f}
                """);
        stacks.write("qa/.env", "POLICY=never\n");

        Stack stack = stacks.load("qa");

        assertThat(stack.services().get("a").pullPolicy()).isEqualTo(PullPolicy.ALWAYS);
        assertThat(stack.services().get("b").pullPolicy()).isEqualTo(PullPolicy.MISSING);
        assertThat(stack.services().get("c").pullPolicy()).isEqualTo(PullPolicy.NEVER);
        assertThat(stack.services().get("d").pullPolicy()).isEqualTo(PullPolicy.MISSING);
        assertThat(stack.services().get("e").pullPolicy()).isEqualTo(PullPolicy.NEVER);
        assertThat(stack.services().get("f").pullPolicy()).isNull();
        assertThat(stack.warnings()).isEmpty(); // pull_policy is read, no longer "not supported"
    }

    @Test
    void buildIsRefusedNamingFileLineAndField() {
        Path file = stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: nginx
                    pull_policy: build
                """);

        assertThatThrownBy(() -> stacks.load("qa")).isInstanceOf(StackException.class)
                .hasMessage(file + ":4: services.web.pull_policy: \"build\" is not supported: Envboard does not build images; "
                        + "build and push the image beforehand, then use always, missing or never");
    }

    @Test
    void timedPoliciesAndUnknownWordsAreRefused() {
        Path file = stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: nginx
                    pull_policy: daily
                  api:
                    image: api
                    pull_policy: every_12h
                  db:
                    image: db
                    pull_policy: sometimes
                """);

        assertThat(StackFixture.describe(stacks.errors("qa")).lines().toList()).containsExactlyInAnyOrder(
                file + ":4: services.web.pull_policy: \"daily\" is not supported: Envboard keeps no pull times; use always, missing or never",
                file + ":7: services.api.pull_policy: \"every_12h\" is not supported: Envboard keeps no pull times; use always, missing or never",
                file + ":10: services.db.pull_policy: must be always, missing or never, not \"sometimes\"");
    }

    @Test
    void theRunsPolicyWinsThenTheServicesThenAlways() throws StackException {
        stacks.write("qa/compose.yaml", """
                services:
                  pinned: {image: a, pull_policy: never}
                  plain: {image: b}
                """);
        Stack stack = stacks.load("qa");
        ServiceDef pinned = stack.services().get("pinned");
        ServiceDef plain = stack.services().get("plain");

        assertThat(PullPolicy.effective(null, pinned)).isEqualTo(PullPolicy.NEVER);
        assertThat(PullPolicy.effective(null, plain)).isEqualTo(PullPolicy.ALWAYS);
        assertThat(PullPolicy.effective(PullPolicy.ALWAYS, pinned)).isEqualTo(PullPolicy.ALWAYS);
        assertThat(PullPolicy.effective(PullPolicy.MISSING, plain)).isEqualTo(PullPolicy.MISSING);
    }

    @Test
    void theCommandLineWordsAreParsedStrictly() {
        assertThat(PullPolicy.parse("Never")).isEqualTo(PullPolicy.NEVER);
        assertThatThrownBy(() -> PullPolicy.parse("if_not_present")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pull policy \"if_not_present\" is not one of always, missing, never");
    }
}
