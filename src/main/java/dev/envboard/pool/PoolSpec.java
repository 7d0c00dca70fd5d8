package dev.envboard.pool;

import dev.envboard.docker.EndpointSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * A configured pool ("environment group"): a Swarm reached through a manager endpoint, or a
 * list of standalone engines. Immutable; built by the config loader.
 *
 * @param source where the pool was defined (a file, or "DOCKER_HOST"), for messages
 * @param stacksDir folder of compose stacks per environment, or null
 * @param consul    where the pool's service health comes from, or null when it has no Consul
 * @param registryConfig the docker config dir whose logins this pool's image pulls use
 *                       ({@code registry-config:}), or null for the user's (DOCKER_CONFIG or ~/.docker)
 * @param templatesDir folder of demo templates ({@code templates:}), one folder per template, or null
 */
public record PoolSpec(String name, PoolKind kind, String labelKey, LabelScope labelScope,
                       EndpointSpec manager, List<EngineSpec> engines, Path stacksDir, String source,
                       ConsulSpec consul, Path registryConfig, Path templatesDir) {

    public static final String DEFAULT_LABEL_KEY = "environment";

    public PoolSpec {
        engines = List.copyOf(engines);
    }

    /** A pool without demo templates. */
    public PoolSpec(String name, PoolKind kind, String labelKey, LabelScope labelScope, EndpointSpec manager,
                    List<EngineSpec> engines, Path stacksDir, String source, ConsulSpec consul, Path registryConfig) {
        this(name, kind, labelKey, labelScope, manager, engines, stacksDir, source, consul, registryConfig, null);
    }

    /** A pool that uses the user's docker config for registry logins. */
    public PoolSpec(String name, PoolKind kind, String labelKey, LabelScope labelScope, EndpointSpec manager,
                    List<EngineSpec> engines, Path stacksDir, String source, ConsulSpec consul) {
        this(name, kind, labelKey, labelScope, manager, engines, stacksDir, source, consul, null, null);
    }

    /** True when some engine is reached over plain tcp on another machine (the user allowed it). */
    public boolean isInsecure() {
        if (manager != null && manager.insecure() && manager.isPlainRemote()) {
            return true;
        }
        return engines.stream().anyMatch(e -> e.endpoint().insecure() && e.endpoint().isPlainRemote());
    }

    /** Every endpoint this pool talks to. */
    public List<EndpointSpec> endpoints() {
        if (manager != null) {
            return List.of(manager);
        }
        return engines.stream().map(EngineSpec::endpoint).toList();
    }
}
