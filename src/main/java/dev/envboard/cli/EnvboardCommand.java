package dev.envboard.cli;

import dev.envboard.services.Services;
import dev.envboard.runtime.Notices;
import dev.envboard.runtime.SandboxScript;
import dev.envboard.runtime.Version;
import dev.envboard.yaml.InputProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code envboard}: opens the window without a subcommand; runs headless with one (added by {@link Subcommands}). */
@Command(name = "envboard", mixinStandardHelpOptions = true, versionProvider = EnvboardCommand.VersionProvider.class,
        description = {"Envboard: a board of your Docker hosts split into environments.",
                "Without a command it opens the window; with one it runs headless."})
public final class EnvboardCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final Services.Opener services;
    private final GuiStarter gui;
    private final Prompt prompt;
    private final AtomicInteger writeFailures = new AtomicInteger();

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "pools.yaml to use (default: $XDG_CONFIG_HOME/envboard/pools.yaml, else DOCKER_HOST or the local socket).")
    Path configFile;

    @Option(names = "--sandbox", description = "Start the local sandbox pool if needed (root) and open the window on it.")
    boolean sandbox;

    EnvboardCommand(Map<String, String> env, Services.Opener services, GuiStarter gui, Prompt prompt) {
        this.env = env;
        this.services = services;
        this.gui = gui;
        this.prompt = prompt;
    }

    /** The process environment, where a pool's Consul token-env is looked up. */
    Map<String, String> env() {
        return env;
    }

    Prompt prompt() {
        return prompt;
    }

    @Override
    public Integer call() {
        Path config = configFile;
        if (sandbox) {
            SandboxScript.Result started = new SandboxScript(env).up();
            if (!started.ok()) {
                err().println("envboard: " + started.message());
                return 1;
            }
            config = started.poolsFile();
        }
        return gui.start(config);
    }

    /**
     * Builds the services for a headless command; config problems go to stderr, and so does every
     * notice the services report while the command runs (a record not written, corrupt lines).
     */
    Services openContext() {
        Services context = services.open(configFile);
        for (InputProblem problem : context.pools().problems()) {
            err().println(problem);
        }
        context.notices().addListener(this::tell);
        return context;
    }

    private void tell(Notices.Notice notice) {
        if (notice.isWriteFailure()) {
            writeFailures.incrementAndGet();
        }
        PrintWriter err = err();
        err.println("envboard: " + notice.text());
        err.flush();
    }

    /** How many records the services could not write during this command: any makes the exit status non-zero. */
    int writeFailures() {
        return writeFailures.get();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            // String.concat, not +: the first + of a run costs ~20 ms of bootstrapping, a third of --version.
            return new String[] {"envboard ".concat(Version.current()),
                    String.join("", "Java ", System.getProperty("java.version"), " (", System.getProperty("java.vendor"), ")")};
        }
    }
}
