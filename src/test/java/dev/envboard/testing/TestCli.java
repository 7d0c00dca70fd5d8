package dev.envboard.testing;

import dev.envboard.testing.TestCli;
import dev.envboard.app.AppContext;
import dev.envboard.cli.Cli;
import dev.envboard.cli.GuiStarter;
import dev.envboard.cli.Prompt;
import java.util.Map;

/** The command line as Main wires it, with the real services, but a window and prompt of the test's own. */
public final class TestCli {
    private TestCli() {
    }

    public static Cli of(Map<String, String> env, GuiStarter gui, Prompt prompt) {
        return new Cli(env, configFile -> AppContext.create(configFile, env), gui, prompt);
    }
}
