package dev.envboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.testing.TestCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code redeploy --pull} takes always, missing or never, and says so for anything else, before anything runs. */
class RedeployPullOptionTest {
    @Test
    void aPolicyThatIsNotOneOfTheThreeIsAUsageError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        GuiStarter noGui = config -> {
            throw new AssertionError("a headless command must not open the window");
        };

        int code = TestCli.of(Map.of(), noGui, Prompt.NOBODY)
                .run(new PrintWriter(out), new PrintWriter(err), "redeploy", "qa", "--pull", "sometimes");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--pull").contains("pull policy \"sometimes\" is not one of always, missing, never");
        assertThat(out.toString()).isEmpty();
    }
}
