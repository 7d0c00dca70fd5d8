package dev.envboard.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpolationInStackTest {
    @TempDir
    Path dir;

    private StackFixture stacks;

    @BeforeEach
    void setUp() {
        stacks = new StackFixture(dir);
        stacks.write("qa/.env", "TAG=2.0\nREPLICAS=3\nEMPTY=\n");
    }

    @Test
    void valuesAreInterpolatedBeforeTheyAreTyped() throws StackException {
        stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: "nginx:${TAG}"
                    command: ["echo", "$$HOME", "${EMPTY:-fallback}", "${EMPTY-kept-empty}"]
                    environment:
                      ${NOT_A_KEY_VARIABLE}: literal key
                    deploy:
                      replicas: ${REPLICAS}
                      placement:
                        constraints: ["node.labels.environment==${ENVIRONMENT}"]
                    stop_grace_period: ${GRACE:-1m}
                """);

        ServiceDef web = stacks.load("qa").services().get("web");

        assertThat(web.image()).isEqualTo("nginx:2.0");
        assertThat(web.command()).containsExactly("echo", "$HOME", "fallback", "");
        assertThat(web.environment()).containsEntry("${NOT_A_KEY_VARIABLE}", "literal key");
        assertThat(web.deploy().replicas()).isEqualTo(3);
        assertThat(web.deploy().constraints()).containsExactly("node.labels.environment==qa");
        assertThat(web.stopGracePeriod()).hasMinutes(1);
    }

    @Test
    void anUnsetVariableIsAWarningWithFileLineKeyAndName() throws StackException {
        Path file = stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: nginx
                    environment:
                      LEVEL: ${LOG_LEVEL}
                """);

        Stack stack = stacks.load("qa");

        assertThat(stack.services().get("web").environment()).containsEntry("LEVEL", "");
        assertThat(stack.warnings()).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo(file);
            assertThat(w.line()).isEqualTo(5);
            assertThat(w.field()).isEqualTo("services.web.environment.LEVEL");
            assertThat(w.message()).contains("LOG_LEVEL");
        });
    }

    @Test
    void aMissingRequiredVariableIsAnErrorWithLineAndMessage() {
        stacks.write("qa/compose.yaml", """
                services:
                  web:
                    image: nginx:${TAG}
                    environment:
                      DB_PASSWORD: ${DB_PASSWORD:?put DB_PASSWORD in the .env}
                """);

        assertThat(stacks.errors("qa")).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.field()).isEqualTo("services.web.environment.DB_PASSWORD");
            assertThat(e.message()).isEqualTo("required variable DB_PASSWORD is missing a value: put DB_PASSWORD in the .env");
        });
    }

    @Test
    void aMalformedExpressionIsAnErrorNamingThePosition() {
        stacks.write("qa/compose.yaml", "services:\n  web:\n    image: nginx:${TAG\n");

        assertThat(stacks.errors("qa")).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.field()).isEqualTo("services.web.image");
            assertThat(e.message()).contains("character 7");
        });
    }

    @Test
    void extensionFieldsAndIgnoredKeysAreInterpolatedToo() throws StackException {
        stacks.write("qa/compose.yaml", """
                x-meta:
                  owner: ${OWNER:?who owns this}
                services:
                  web:
                    image: nginx
                    build:
                      context: ${CONTEXT}
                """);

        assertThat(stacks.errors("qa")).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.message()).contains("who owns this");
        });

        stacks.write("qa/.env", "OWNER=platform\n");
        assertThat(stacks.load("qa").warnings()).extracting(w -> w.line() + " " + w.field())
                .containsExactlyInAnyOrder("6 services.web.build", "7 services.web.build.context");
    }

    @Test
    void aValueMergedIntoSeveralServicesIsReportedOnce() throws StackException {
        stacks.write("qa/compose.yaml", """
                x-base: &base
                  image: app:${UNSET_TAG}
                services:
                  a: *base
                  b:
                    <<: *base
                """);

        Stack stack = stacks.load("qa");

        assertThat(stack.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(2);
            assertThat(w.field()).isEqualTo("services.a.image");
        });
    }

    @Test
    void anAliasBombInAnExtensionFieldIsRefusedQuickly() {
        // 40 levels of two aliases each: 2^40 values if expanded, well within the parser's alias limit.
        StringBuilder yaml = new StringBuilder("x-bomb:\n  l0: &l0 [\"${X}\", \"${X}\"]\n");
        for (int i = 1; i < 40; i++) {
            yaml.append("  l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1).append("]\n");
        }
        stacks.write("qa/compose.yaml", yaml + "services:\n  web:\n    image: nginx\n");

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThat(stacks.errors("qa"))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("too many values")));
    }
}
