package dev.envboard.pool;

import dev.envboard.docker.EndpointSpec;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A configured pool ("environment group"): a Swarm reached through a manager endpoint, or a
 * list of standalone engines. Immutable; built by the config loader.
 *
 * @param source where the pool was defined (a file, or "DOCKER_HOST"), for messages
 * @param stacksDir folder of compose stacks per environment, or null
 * @param consul    where the pool's service health comes from, or null when it has no Consul
 * @param registryConfig the docker config dir whose logins this pool's image pulls use
 *                       ({@code registry-config:}), or null for the user's (DOCKER_CONFIG or ~/.docker)
 * @param protectedEnvironments environments ({@code protected:}) whose redeploy, teardown or the move of a
 *                              host out of them needs the user to type the environment's name (see {@link Protection})
 * @param templatesDir folder of demo templates ({@code templates:}), one folder per template, or null
 */
public record PoolSpec(String name, PoolKind kind, String labelKey, LabelScope labelScope,
                       EndpointSpec manager, List<EngineSpec> engines, Path stacksDir, String source,
                       ConsulSpec consul, Path registryConfig, Set<String> protectedEnvironments, Path templatesDir) {

    public static final String DEFAULT_LABEL_KEY = "environment";

    public PoolSpec {
        engines = List.copyOf(engines);
        protectedEnvironments = protectedEnvironments == null ? Set.of()
                : Collections.unmodifiableSet(new LinkedHashSet<>(protectedEnvironments));
    }

    /** A pool without protected environments or demo templates. */
    public PoolSpec(String name, PoolKind kind, String labelKey, LabelScope labelScope, EndpointSpec manager,
                    List<EngineSpec> engines, Path stacksDir, String source, ConsulSpec consul, Path registryConfig) {
        this(name, kind, labelKey, labelScope, manager, engines, stacksDir, source, consul, registryConfig, Set.of(), null);
    }

    /** A pool with protected environments and without demo templates. */
    public PoolSpec(String name, PoolKind kind, String labelKey, LabelScope labelScope, EndpointSpec manager,
                    List<EngineSpec> engines, Path stacksDir, String source, ConsulSpec consul, Path registryConfig,
                    Set<String> protectedEnvironments) {
        this(name, kind, labelKey, labelScope, manager, engines, stacksDir, source, consul, registryConfig,
                protectedEnvironments, null);
    }

    /** A pool with demo templates and without protected environments. */
    public PoolSpec(String name, PoolKind kind, String labelKey, LabelScope labelScope, EndpointSpec manager,
                    List<EngineSpec> engines, Path stacksDir, String source, ConsulSpec consul, Path registryConfig,
                    Path templatesDir) {
        this(name, kind, labelKey, labelScope, manager, engines, stacksDir, source, consul, registryConfig, Set.of(), templatesDir);
    }

    /** A pool that uses the user's docker config for registry logins. */
    public PoolSpec(String name, PoolKind kind, String labelKey, LabelScope labelScope, EndpointSpec manager,
                    List<EngineSpec> engines, Path stacksDir, String source, ConsulSpec consul) {
        this(name, kind, labelKey, labelScope, manager, engines, stacksDir, source, consul, null, Set.of(), null);
    }

    /** Whether pools.yaml lists {@code environment} under {@code protected:}; unassigned (null) never is. */
    public boolean isProtected(String environment) {
        return environment != null && protectedEnvironments.contains(environment);
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
