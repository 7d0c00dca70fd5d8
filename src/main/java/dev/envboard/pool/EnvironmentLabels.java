package dev.envboard.pool;

/** Labels Envboard puts on what it deploys, shared by the board, deploys and containers views. */
public final class EnvironmentLabels {
    /**
     * The environment a service or container belongs to; the same label `docker stack deploy`
     * sets, so `docker stack ls/ps` show what Envboard deployed.
     */
    public static final String STACK_NAMESPACE = "com.docker.stack.namespace";

    private EnvironmentLabels() {
    }
}
