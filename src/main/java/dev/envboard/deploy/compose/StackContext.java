package dev.envboard.deploy.compose;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What the readers of one compose file share.
 *
 * @param composeDir folder of the compose file: relative paths (binds, env_file) start here
 * @param dotEnv     the environment's .env, named when a variable is missing
 * @param variables  interpolation variables: the .env plus ENVIRONMENT
 * @param services   names of all services, for depends_on
 * @param networks   top-level network names
 * @param volumes    top-level volume names
 */
record StackContext(Problems problems, Scalars scalars, KeyLines keyLines, EnvFiles envFiles, Path composeDir,
                    Path dotEnv, Map<String, String> variables, Set<String> services, Set<String> networks,
                    Set<String> volumes) {
}
