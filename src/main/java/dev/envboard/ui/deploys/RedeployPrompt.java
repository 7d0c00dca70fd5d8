package dev.envboard.ui.deploys;

import dev.envboard.docker.DockerErrors;
import dev.envboard.pool.PoolSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.stage.Window;

/**
 * Asks before a redeploy, from the board or the Deploys view: looks for the environment's stack
 * on the I/O executor (it reads folders), then shows the confirmation on the FX thread.
 */
public final class RedeployPrompt implements DeploysView.ConfirmRedeploy {
    /** Where an environment's compose stack is; blocking, it looks at files. */
    @FunctionalInterface
    public interface StackLocator {
        Optional<Path> locate(PoolSpec pool, String environment);
    }

    /** The hostnames of an environment as the window shows them now (read on the FX thread). */
    @FunctionalInterface
    public interface HostsOf {
        List<String> hostnames(PoolSpec pool, String environment);
    }

    private final Supplier<Window> owner;
    private final StackLocator stacks;
    private final HostsOf hosts;
    private final DeployStates deploys;
    private final Executor io;
    private final Executor fx;

    public RedeployPrompt(Supplier<Window> owner, StackLocator stacks, HostsOf hosts, DeployStates deploys, Executor io, Executor fx) {
        this.owner = owner;
        this.stacks = stacks;
        this.hosts = hosts;
        this.deploys = deploys;
        this.io = io;
        this.fx = fx;
    }

    @Override
    public void confirm(PoolSpec pool, String environment) {
        List<String> hostnames = hosts.hostnames(pool, environment);
        CompletableFuture.supplyAsync(() -> stacks.locate(pool, environment), io).whenCompleteAsync((stack, error) -> {
            String from = error != null ? "(cannot look for the stack: " + DockerErrors.describe(error) + ")"
                    : stack.map(Path::toString).orElse("(no stack found: the run will be refused)");
            RedeployConfirmation.show(owner.get(), pool, environment, from, hostnames, () -> deploys.redeploy(pool, environment));
        }, fx);
    }
}
