package dev.envboard.deploy;

import dev.envboard.deploy.compose.ServiceDef;
import java.util.List;

/**
 * How one kind of pool removes and creates an environment. The redeploy workflow drives it and
 * does all the waiting, so both kinds wait the same way (bounded, cancellable, with progress).
 */
public interface EnvironmentDriver {
    /** Starts removing everything of the environment (honouring stop grace periods); returns what. */
    List<String> remove(CancelToken cancel, DeployListener listener) throws DeployException;

    /**
     * Removes what can be removed now (networks, once nothing holds them) and says what of the
     * environment still exists: unfinished tasks, containers, names still taken. Empty when gone.
     */
    List<String> sweep() throws DeployException;

    /** Creates the networks the stack uses. */
    void createNetworks() throws DeployException;

    /** Creates (and starts) one service. */
    void create(ServiceDef service) throws DeployException;

    /** Creates the services of one depends_on level; none depends on another, so side by side. */
    default void create(java.util.List<ServiceDef> level) throws DeployException {
        Parallel.runAll("create", level.stream().<Parallel.Work>map(service -> () -> create(service)).toList());
    }

    /** Where a created service stands now. */
    ServiceProgress progress(ServiceDef service) throws DeployException;

    /** Fails naming a host of the environment that went away during the deploy. */
    void checkHostsAlive() throws DeployException;

    /** The image each service runs, for the deploy record. */
    default String imageOf(ServiceDef service) {
        return service.image();
    }
}
