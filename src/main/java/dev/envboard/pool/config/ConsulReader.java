package dev.envboard.pool.config;

import dev.envboard.docker.Loopback;
import dev.envboard.pool.ConsulSpec;
import dev.envboard.pool.TokenFilePermissions;
import dev.envboard.yaml.InputException;
import dev.envboard.yaml.InputProblem;
import dev.envboard.yaml.YamlNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a pool's {@code consul:} block. The token itself is never read here, only where it lives. */
final class ConsulReader {
    static final Set<String> KEYS = Set.of("address", "datacenter", "ca", "token-env", "token-file", "nodes");
    private static final Pattern DATACENTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final PathResolver paths;

    ConsulReader(PathResolver paths) {
        this.paths = paths;
    }

    ConsulSpec read(YamlNode node, List<InputProblem> warnings) throws InputException {
        if (node.get("token").isPresent()) {
            // The value is not repeated in the message: it is a secret that should not be there.
            throw node.require("token").problem("an ACL token is never written in pools.yaml in clear; "
                    + "name the environment variable that holds it (token-env: CONSUL_HTTP_TOKEN) "
                    + "or a file only you can read (token-file: ~/.config/envboard/consul.token, mode 0600)");
        }
        warnings.addAll(node.unknownKeys(KEYS));
        YamlNode addressNode = node.require("address");
        URI address;
        try {
            address = ConsulSpec.parseAddress(addressNode.asString());
        } catch (IllegalArgumentException e) {
            throw addressNode.problem(e.getMessage());
        }
        String datacenter = node.string("datacenter").map(String::trim).orElse(null);
        if (datacenter != null && !DATACENTER.matcher(datacenter).matches()) {
            throw node.require("datacenter").problem("not a datacenter name: \"" + datacenter + "\"");
        }
        Path ca = null;
        if (node.get("ca").isPresent()) {
            if (!"https".equals(address.getScheme())) {
                throw node.require("ca").problem("a CA is only used with an https:// address");
            }
            ca = paths.resolve(node.requireString("ca"));
        }
        String tokenEnv = readTokenEnv(node);
        Path tokenFile = readTokenFile(node);
        if (tokenEnv != null && tokenFile != null) {
            throw node.require("token-file").problem("give the token in token-env or in token-file, not both");
        }
        if ((tokenEnv != null || tokenFile != null) && "http".equals(address.getScheme())
                && !Loopback.isLoopback(address.getHost())) {
            warnings.add(addressNode.warning("plain http to " + address.getHost()
                    + " sends the ACL token unencrypted; prefer https://"));
        }
        return new ConsulSpec(address, datacenter, ca, tokenEnv, tokenFile, readNodes(node));
    }

    private static String readTokenEnv(YamlNode node) throws InputException {
        if (node.get("token-env").isEmpty()) {
            return null;
        }
        String name = node.requireString("token-env").trim();
        if (!ENV_NAME.matcher(name).matches()) {
            throw node.require("token-env").problem("not an environment variable name: \"" + name + "\"");
        }
        return name;
    }

    /** A file that is already there is checked now, so a careless mode is found before connecting. */
    private Path readTokenFile(YamlNode node) throws InputException {
        if (node.get("token-file").isEmpty()) {
            return null;
        }
        YamlNode fileNode = node.require("token-file");
        Path file = paths.resolve(fileNode.asString());
        if (Files.exists(file)) {
            try {
                var problem = TokenFilePermissions.problem(file);
                if (problem.isPresent()) {
                    throw fileNode.problem(problem.get());
                }
            } catch (IOException e) {
                throw fileNode.problem("cannot read the mode of " + file + ": " + e.getMessage());
            }
        }
        return file;
    }

    private static Map<String, String> readNodes(YamlNode node) throws InputException {
        Map<String, String> nodes = new LinkedHashMap<>();
        if (node.get("nodes").isEmpty()) {
            return nodes;
        }
        for (Map.Entry<String, YamlNode> entry : node.require("nodes").entries().entrySet()) {
            String hostname = entry.getValue().asString().trim();
            if (hostname.isEmpty() || entry.getKey().isBlank()) {
                throw entry.getValue().problem("map a Consul node name to a pool hostname, e.g. consul-node-7: envboard-host-1");
            }
            nodes.put(entry.getKey().trim(), hostname);
        }
        return nodes;
    }
}
