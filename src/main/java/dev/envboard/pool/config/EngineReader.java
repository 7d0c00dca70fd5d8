package dev.envboard.pool.config;

import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.EngineSpec;
import dev.envboard.ssh.SshTarget;
import dev.envboard.yaml.InputException;
import dev.envboard.yaml.InputProblem;
import dev.envboard.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads engine entries (YAML or nodes-file lines) with the pool's defaults applied. */
final class EngineReader {
    static final Set<String> KEYS = Set.of("name", "endpoint", "tls", "insecure", "address", "ssh",
            "daemon-json", "reload");
    /** {@code [user@]host[:port]}, host possibly a bracketed IPv6 address. */
    private static final Pattern SSH = Pattern.compile("^(?:([^@\\s]+)@)?(\\[[0-9a-fA-F:.]+]|[^:@\\s\\[\\]]+)(?::(\\d{1,5}))?$");

    private final PathResolver paths;
    private final PoolReader.PoolDefaults defaults;

    EngineReader(PathResolver paths, PoolReader.PoolDefaults defaults) {
        this.paths = paths;
        this.defaults = defaults;
    }

    EngineSpec read(YamlNode node) throws InputException {
        Path tls = node.string("tls").map(paths::resolve).orElse(defaults.tlsDir());
        boolean insecure = node.get("insecure").isPresent()
                ? node.require("insecure").asBoolean() : defaults.insecure();
        EndpointSpec endpoint = endpoint(node.require("endpoint"), tls, insecure);
        String name = node.string("name").map(String::trim).orElse(null);
        String address = node.string("address").map(String::trim).orElse(endpoint.host().orElse(null));
        SshTarget ssh = node.get("ssh").isPresent()
                ? sshTarget(node.require("ssh"))
                : endpoint.host().map(this::defaultSsh).orElse(null);
        String daemonJson = node.string("daemon-json").orElse(EngineSpec.DEFAULT_DAEMON_JSON);
        String reload = node.string("reload").orElse(EngineSpec.DEFAULT_RELOAD);
        return new EngineSpec(name, endpoint, address, ssh, daemonJson, reload);
    }

    EndpointSpec endpoint(YamlNode node, Path tlsDir, boolean insecure) throws InputException {
        EndpointSpec endpoint;
        try {
            endpoint = EndpointSpec.parse(node.asString(), tlsDir, insecure);
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
        if (endpoint.isPlainRemote() && !insecure) {
            throw node.problem("plain tcp to " + endpoint.host().orElseThrow()
                    + " is refused: the Docker API would travel unencrypted; set tls: CERT_DIR, or insecure: true");
        }
        return endpoint;
    }

    List<EngineSpec> fromNodesFile(YamlNode node, List<InputProblem> warnings) throws InputException {
        Path file = paths.resolve(node.asString());
        NodesFileParser.Result parsed;
        try {
            parsed = new NodesFileParser().parse(file);
        } catch (InputException e) {
            throw node.problem(e.getMessage());
        }
        // A bad line loses only that line: the pool keeps the hosts that were well written.
        warnings.addAll(parsed.problems().stream()
                .map(p -> InputProblem.warning(p.file(), p.line(), p.field(), p.message() + "; line skipped"))
                .toList());
        List<EngineSpec> engines = new ArrayList<>();
        for (NodesFileParser.Entry entry : parsed.entries()) {
            EndpointSpec endpoint = EndpointSpec.parse("tcp://" + entry.host() + ":" + entry.port(),
                    defaults.tlsDir(), defaults.insecure());
            if (endpoint.isPlainRemote() && !defaults.insecure()) {
                throw new InputException(InputProblem.error(file, entry.line(), "",
                        "plain tcp to " + entry.host() + " is refused; give the pool tls: CERT_DIR, or insecure: true"));
            }
            engines.add(new EngineSpec(null, endpoint, entry.host(), defaultSsh(entry.host()),
                    EngineSpec.DEFAULT_DAEMON_JSON, EngineSpec.DEFAULT_RELOAD));
        }
        return engines;
    }

    private SshTarget defaultSsh(String host) {
        SshTarget pool = defaults.ssh();
        return new SshTarget(pool.user(), unbracket(host), pool.port(), pool.identity(), pool.knownHosts());
    }

    private SshTarget sshTarget(YamlNode node) throws InputException {
        String text = node.asString().trim();
        Matcher m = SSH.matcher(text);
        if (!m.matches()) {
            throw node.problem("expected [user@]host[:port], got \"" + text + "\"");
        }
        SshTarget pool = defaults.ssh();
        String user = m.group(1) != null ? m.group(1) : pool.user();
        int port = m.group(3) != null ? checkedPort(node, Integer.parseInt(m.group(3))) : pool.port();
        return new SshTarget(user, unbracket(m.group(2)), port, pool.identity(), pool.knownHosts());
    }

    static int port(YamlNode node) throws InputException {
        return checkedPort(node, node.asLong());
    }

    private static int checkedPort(YamlNode node, long port) throws InputException {
        if (port < 1 || port > 65535) {
            throw node.problem("port must be 1..65535, not " + port);
        }
        return (int) port;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
