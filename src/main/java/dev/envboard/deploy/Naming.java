package dev.envboard.deploy;

import dev.envboard.pool.EnvironmentLabels;

/**
 * Names and labels of what Envboard deploys, as {@code docker stack deploy} names them, so the
 * docker CLI shows Envboard's deploys as stacks and Envboard removes stacks deployed by hand.
 */
public final class Naming {
    public static final String NAMESPACE = EnvironmentLabels.STACK_NAMESPACE;
    public static final String STACK_IMAGE = "com.docker.stack.image";
    public static final String SERVICE = "dev.envboard.service";
    public static final String SLOT = "dev.envboard.slot";
    public static final String DEPLOY_ID = "dev.envboard.deploy-id";
    /** Who ran the deploy that created it: user@host. */
    public static final String DEPLOY_USER = "dev.envboard.deploy-user";
    /** When that deploy started (ISO-8601, UTC). */
    public static final String DEPLOY_STARTED = "dev.envboard.deploy-started";
    /** The SHA-256 of the stack files it was deployed from. */
    public static final String STACK_SHA256 = "dev.envboard.stack-sha256";
    /** On a network: its name in the stack (a replacement may carry a name of its own). */
    public static final String NETWORK = "dev.envboard.network";
    /** On a deployment pinned to a digest: the image as the stack names it (with its tag). */
    public static final String IMAGE = "dev.envboard.image";
    public static final String STOP_GRACE = "dev.envboard.stop-grace-seconds";
    public static final String COMPOSE_PROJECT = "com.docker.compose.project";
    public static final String COMPOSE_SERVICE = "com.docker.compose.service";

    private Naming() {
    }

    public static String service(String environment, String service) {
        return environment + "_" + service;
    }

    public static String network(String environment, String network) {
        return environment + "_" + network;
    }

    /** A network that replaces one the engine could not remove (e.g. a stale endpoint holds it). */
    public static String freshNetwork(String environment, String network, String deployId) {
        return network(environment, network) + "_" + deployId;
    }

    public static String container(String environment, String service, int slot) {
        return environment + "_" + service + "_" + slot;
    }
}
