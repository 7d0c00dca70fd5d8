package dev.envboard.testing;

/** Variations of the sandbox's pools.yaml text for tests. */
public final class PoolsFiles {
    private PoolsFiles() {
    }

    /**
     * The same pools without the Swarm pool's engines: list, so a redeploy cannot ask the worker
     * nodes' engines for their images (only the manager's node is reachable, through the manager).
     */
    public static String withoutSwarmEngines(String pools) {
        int swarm = pools.indexOf("  - name: sandbox-swarm");
        int next = pools.indexOf("\n  - name:", swarm + 1);
        int end = next < 0 ? pools.length() : next + 1;
        int engines = pools.indexOf("\n    engines:", swarm);
        if (swarm < 0 || engines < 0 || engines > end) {
            throw new IllegalStateException("the sandbox's pools.yaml has no engines: for sandbox-swarm:\n" + pools);
        }
        return pools.substring(0, engines + 1) + pools.substring(end);
    }
}
