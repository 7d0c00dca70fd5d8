package dev.envboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envboard.testing.TestCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A command line gets the commands it needs: the one it names, none for the window, all for help and mistakes. */
class SubcommandsTest {
    @Test
    void theCommandIsTheFirstArgumentThatIsNoOptionNorTheConfigFile() {
        assertThat(Subcommands.commandName("nodes", "--json")).isEqualTo("nodes");
        assertThat(Subcommands.commandName("--config", "nodes", "status")).isEqualTo("status");
        assertThat(Subcommands.commandName("--config=x.yaml", "ps")).isEqualTo("ps");
        assertThat(Subcommands.commandName("--sandbox")).isNull();
        assertThat(Subcommands.commandName("--", "nodes")).isNull();
    }

    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        assertThat(added("--config", "pools.yaml", "nodes", "--json")).containsOnlyKeys("nodes");
        assertThat(added("demo", "ls")).containsOnlyKeys("demo");
    }

    @Test
    void theWindowBuildsNoCommandAndHelpOrAMistakeBuildsThemAll() {
        assertThat(added()).isEmpty();
        assertThat(added("--config", "pools.yaml")).isEmpty();
        assertThat(added("--sandbox")).isEmpty();
        assertThat(added("--help")).containsOnlyKeys(Subcommands.names().toArray(String[]::new));
        assertThat(added("nodez")).containsOnlyKeys(Subcommands.names().toArray(String[]::new));
        assertThat(added("--bogus")).containsOnlyKeys(Subcommands.names().toArray(String[]::new));
    }

    @Test
    void helpListsEveryCommandAndAMisspelledOneIsNamedWithItsNeighbour() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TestCli.of(Map.of(), config -> 0, Prompt.NOBODY).run(new PrintWriter(out), new PrintWriter(err), "--help");
        assertThat(code).isZero();
        Subcommands.names().forEach(name -> assertThat(out.toString()).contains("  " + name));

        StringWriter err2 = new StringWriter();
        int wrong = TestCli.of(Map.of(), config -> 0, Prompt.NOBODY).run(new PrintWriter(new StringWriter()), new PrintWriter(err2), "nodez");
        assertThat(wrong).isEqualTo(2);
        assertThat(err2.toString()).contains("nodez").contains("nodes");
    }

    @Test
    void theQuickVersionAnswerIsWhatPicocliPrints() {
        StringWriter viaPicocli = new StringWriter();
        int code = TestCli.of(Map.of(), config -> 0, Prompt.NOBODY).run(new PrintWriter(viaPicocli), new PrintWriter(new StringWriter()), "--version");
        assertThat(code).isZero();
        StringWriter quick = new StringWriter();
        assertThat(Cli.answerVersion(new PrintWriter(quick), "--version")).isTrue();
        assertThat(quick.toString()).isEqualTo(viaPicocli.toString()).startsWith("envboard ");
        assertThat(Cli.answerVersion(new PrintWriter(new StringWriter()), "nodes", "--version")).isFalse();
    }

    private static Map<String, CommandLine> added(String... args) {
        CommandLine root = new CommandLine(new EnvboardCommand(Map.of(), null, config -> 0, Prompt.NOBODY));
        Subcommands.addTo(root, args);
        return root.getSubcommands();
    }
}
