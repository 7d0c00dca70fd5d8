package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An environment's compose stack, parsed and interpolated: what a redeploy creates.
 *
 * @param file        the compose file it came from (stacks/ENV/compose.yaml or stacks/default/compose.yaml)
 * @param environment the environment it was loaded for (ENVIRONMENT in interpolation)
 * @param services    in file order
 * @param networks    top-level networks by name (the implicit "default" network is added when used)
 * @param warnings    unknown keys and unset variables: shown, never silently dropped
 * @param sha256      hash of the compose file and the .env / env_file files it read, for the deploy record
 */
public record Stack(Path file, String environment, Map<String, ServiceDef> services, Map<String, NetworkDef> networks,
                    List<InputProblem> warnings, String sha256) {

    public Stack {
        services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
        networks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(networks));
        warnings = List.copyOf(warnings);
    }
}
