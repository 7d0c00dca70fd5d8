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
     * Says what of the old deployment still exists (unfinished tasks, containers, names still
     * taken), removing what can go now; empty when gone.
     */
    List<String> sweep() throws DeployException;

    /**
     * Makes the networks the stack uses ready: reused where one of the environment already fits,
     * replaced where it does not. Called once the old deployment is gone.
     */
    void createNetworks(DeployListener listener) throws DeployException;

    /** Creates (and starts) one service; says what it created, from what the engine accepted. */
    String create(ServiceDef service) throws DeployException;

    /** Creates the services of one depends_on level (none depends on another, so side by side); says what, in order. */
    default List<String> create(List<ServiceDef> level) throws DeployException {
        String[] created = new String[level.size()];
        List<Parallel.Work> work = new java.util.ArrayList<>();
        for (int i = 0; i < level.size(); i++) {
            int index = i;
            work.add(() -> created[index] = create(level.get(index)));
        }
        Parallel.runAll("create", work);
        return List.of(created);
    }

    /** Where a created service stands now. */
    ServiceProgress progress(ServiceDef service) throws DeployException;

    /** Fails naming a host of the environment that went away during the deploy. */
    void checkHostsAlive() throws DeployException;

    /**
     * What each service of the environment runs now, by service name, read from the engines before
     * anything is removed (the "old" of a redeploy's old → new).
     */
    java.util.Map<String, RunningImage> running() throws DeployException;

    /** The image each service runs, for the deploy record. */
    default String imageOf(ServiceDef service) {
        return service.image();
    }
}
