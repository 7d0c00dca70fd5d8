package dev.envboard.pool.config;

import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import dev.envboard.yaml.InputProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The pool used when there is no pools.yaml: DOCKER_HOST (with DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH, as the docker CLI reads them) or the local socket.
 */
public final class DefaultPool {
    public static final String NAME = "local";
    static final String LOCAL_SOCKET = "unix:///var/run/docker.sock";

    private DefaultPool() {
    }

    public static PoolsConfig fromEnvironment(Map<String, String> env, Path home) {
        String host = env.get("DOCKER_HOST");
        String source;
        if (host == null || host.isBlank()) {
            host = LOCAL_SOCKET;
            source = "the local Docker socket (" + LOCAL_SOCKET + ")";
        } else {
            source = "DOCKER_HOST=" + host;
        }
        Path tls = null;
        String verify = env.get("DOCKER_TLS_VERIFY");
        if (verify != null && !verify.isEmpty() && !verify.equals("0")) {
            String certPath = env.get("DOCKER_CERT_PATH");
            tls = certPath == null || certPath.isBlank() ? home.resolve(".docker") : Path.of(certPath);
        }
        try {
            EndpointSpec endpoint = EndpointSpec.parse(host, tls, false);
            if (endpoint.isPlainRemote()) {
                return refused(source, "plain tcp to " + endpoint.host().orElseThrow()
                        + " is refused; set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH, or write a pools.yaml with insecure: true");
            }
            PoolSpec pool = new PoolSpec(NAME, PoolKind.AUTO, PoolSpec.DEFAULT_LABEL_KEY, LabelScope.NODE,
                    endpoint, List.of(), null, source, null);
            return new PoolsConfig(source, List.of(pool), List.of());
        } catch (IllegalArgumentException e) {
            return refused(source, e.getMessage());
        }
    }

    private static PoolsConfig refused(String source, String message) {
        return new PoolsConfig(source, List.of(), List.of(InputProblem.error(null, 0, "DOCKER_HOST", message)));
    }
}
