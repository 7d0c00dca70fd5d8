package dev.envboard.cli;

import dev.envboard.testing.TestCli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.testing.Sandbox;
import dev.envboard.testing.SandboxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SandboxExtension.class)
class MoveCommandTest {
    private static final String HOST = "envboard-swarm-3";
    private Sandbox sandbox;

    private record Run(int code, String out, String err) {
    }

    @BeforeEach
    void setUp(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @AfterEach
    void restore() {
        if (!environment().isEmpty()) {
            sandbox.docker(sandbox.manager(), "node", "update", "--label-rm", "environment", HOST);
        }
    }

    private Run run(Prompt prompt, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        GuiStarter noGui = config -> {
            throw new AssertionError("no window for a headless command");
        };
        int code = TestCli.of(Map.of(), noGui, prompt).run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void withYesTheHostMovesAndTheLabelIsVerified() {
        Run run = run(Prompt.NOBODY, "move", HOST, "demo", "--yes", "--config", sandbox.poolsFile().toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("envboard-swarm-3: unassigned → demo").contains("verified");
        assertThat(environment()).isEqualTo("demo");

        Run back = run(Prompt.NOBODY, "move", HOST, "-", "--yes", "--config", sandbox.poolsFile().toString());
        assertThat(back.code()).as(back.err()).isZero();
        assertThat(environment()).isEmpty();
    }

    @Test
    void withoutConfirmationNothingChanges() {
        Run run = run(Prompt.NOBODY, "move", HOST, "demo", "--config", sandbox.poolsFile().toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("not moved");
        assertThat(environment()).isEmpty();

        Run confirmed = run(question -> question.contains(HOST), "move", HOST, "qa", "--config", sandbox.poolsFile().toString());
        assertThat(confirmed.code()).as(confirmed.err()).isZero();
        assertThat(environment()).isEqualTo("qa");
    }

    @Test
    void unknownHostAndBadEnvironmentNamesAreUsageErrors() {
        Run unknown = run(Prompt.NOBODY, "move", "nosuchhost", "qa", "--yes", "--config", sandbox.poolsFile().toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no host \"nosuchhost\"");

        Run badName = run(Prompt.NOBODY, "move", HOST, "Not Valid", "--yes", "--config", sandbox.poolsFile().toString());
        assertThat(badName.code()).isEqualTo(2);
        assertThat(badName.err()).contains("lower-case letters");
        assertThat(environment()).isEmpty();
    }

    private String environment() {
        return sandbox.docker(sandbox.manager(), "node", "inspect", "--format", "{{index .Spec.Labels \"environment\"}}", HOST);
    }
}
