package dev.envboard.pool.config;

import dev.envboard.docker.EndpointSpec;
import dev.envboard.pool.ConsulSpec;
import dev.envboard.pool.EngineSpec;
import dev.envboard.pool.EnvironmentName;
import dev.envboard.pool.LabelScope;
import dev.envboard.pool.PoolKind;
import dev.envboard.pool.PoolSpec;
import dev.envboard.ssh.SshTarget;
import dev.envboard.yaml.InputException;
import dev.envboard.yaml.InputProblem;
import dev.envboard.yaml.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one entry of {@code pools:}; throws at the first error, collects warnings. */
final class PoolReader {
    private static final Set<String> POOL_KEYS = Set.of("name", "kind", "label-key", "labels", "endpoint",
            "tls", "insecure", "stacks", "ssh", "engines", "nodes-file", "consul", "registry-config", "protected",
            "templates");
    private static final Set<String> SSH_KEYS = Set.of("user", "port", "identity", "known-hosts");
    private static final Pattern POOL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._/-]{0,126}[A-Za-z0-9])?");

    record Result(PoolSpec pool, List<InputProblem> warnings) {
    }

    /** Pool-wide settings that each engine inherits unless it says otherwise. */
    record PoolDefaults(Path tlsDir, boolean insecure, SshTarget ssh) {
    }

    private final PathResolver paths;
    private final String defaultSshUser;
    private final String source;

    PoolReader(PathResolver paths, String defaultSshUser, String source) {
        this.paths = paths;
        this.defaultSshUser = defaultSshUser;
        this.source = source;
    }

    Result read(YamlNode node) throws InputException {
        List<InputProblem> warnings = new ArrayList<>(node.unknownKeys(POOL_KEYS));
        String name = node.requireString("name").trim();
        if (!POOL_NAME.matcher(name).matches()) {
            throw node.require("name").problem("use letters, digits, '.', '_' or '-' (at most 63), not \"" + name + "\"");
        }
        PoolKind kind = readKind(node.require("kind"));
        String labelKey = node.string("label-key").map(String::trim).orElse(PoolSpec.DEFAULT_LABEL_KEY);
        if (!LABEL_KEY.matcher(labelKey).matches()) {
            throw node.require("label-key").problem("not a valid label key: \"" + labelKey + "\"");
        }
        LabelScope scope = readScope(node, kind);
        PoolDefaults defaults = new PoolDefaults(
                node.string("tls").map(paths::resolve).orElse(null),
                node.get("insecure").isPresent() && node.require("insecure").asBoolean(),
                readPoolSsh(node, warnings));
        Path stacks = node.string("stacks").map(paths::resolve).orElse(null);
        Path templates = node.string("templates").map(paths::resolve).orElse(null);
        Path registryConfig = readRegistryConfig(node, warnings);
        Set<String> protectedEnvironments = readProtected(node, warnings);
        ConsulSpec consul = node.get("consul").isPresent()
                ? new ConsulReader(paths).read(node.require("consul"), warnings) : null;
        EngineReader engines = new EngineReader(paths, defaults);

        EndpointSpec manager = null;
        List<EngineSpec> engineSpecs = new ArrayList<>();
        if (node.get("engines").isPresent()) {
            for (YamlNode engineNode : node.require("engines").items()) {
                warnings.addAll(engineNode.unknownKeys(EngineReader.KEYS));
                EngineSpec engine = engines.read(engineNode);
                // A host is its entry: the same endpoint twice would be one host counted as two.
                if (engineSpecs.stream().anyMatch(e -> e.endpoint().uri().equals(engine.endpoint().uri()))) {
                    warnings.add(engineNode.require("endpoint").warning(engine.endpoint().uri()
                            + " is listed twice in this pool; this entry is skipped"));
                } else {
                    engineSpecs.add(engine);
                }
            }
        }
        if (kind == PoolKind.SWARM) {
            YamlNode endpoint = node.require("endpoint");
            manager = engines.endpoint(endpoint, defaults.tlsDir(), defaults.insecure());
            if (node.get("nodes-file").isPresent()) {
                throw node.require("nodes-file").problem("belongs to standalone pools; a swarm pool lists its nodes itself");
            }
        } else {
            if (node.get("endpoint").isPresent()) {
                throw node.require("endpoint").problem("a standalone pool lists its engines under engines: or nodes-file:");
            }
            if (node.get("nodes-file").isPresent()) {
                for (EngineSpec engine : engines.fromNodesFile(node.require("nodes-file"), warnings)) {
                    if (engineSpecs.stream().anyMatch(e -> e.endpoint().uri().equals(engine.endpoint().uri()))) {
                        warnings.add(node.require("nodes-file").warning(engine.endpoint().uri()
                                + " is listed twice (engines: or the nodes file); skipped"));
                    } else {
                        engineSpecs.add(engine);
                    }
                }
            }
            if (engineSpecs.isEmpty()) {
                throw node.problem(node.path(), "a standalone pool needs engines: or nodes-file: with at least one engine");
            }
        }
        return new Result(new PoolSpec(name, kind, labelKey, scope, manager, engineSpecs, stacks, source, consul, registryConfig,
                protectedEnvironments, templates), warnings);
    }

    /**
     * {@code protected: [staging, qa]}: environments whose redeploy, teardown or the move of a host
     * out of them asks for the environment's name. A bad name refuses the pool: protection that
     * silently did not apply would be worse than none.
     */
    private static Set<String> readProtected(YamlNode pool, List<InputProblem> warnings) throws InputException {
        Set<String> names = new LinkedHashSet<>();
        if (pool.get("protected").isEmpty()) {
            return names;
        }
        YamlNode node = pool.require("protected");
        if (node.isScalar()) {
            throw node.problem("list the protected environments, e.g. protected: [" + node.asString().trim() + "]");
        }
        for (YamlNode item : node.items()) {
            if (!item.isScalar() || item.isNull()) {
                throw item.problem("name an environment, e.g. qa");
            }
            String name = item.asString().trim();
            Optional<String> problem = EnvironmentName.problem(name);
            if (problem.isPresent()) {
                throw item.problem(problem.get());
            }
            if (!names.add(name)) {
                warnings.add(item.warning(name + " is listed twice"));
            }
        }
        return names;
    }

    /**
     * The docker config directory (as DOCKER_CONFIG names one) whose logins this pool pulls with.
     * Logins themselves never go in pools.yaml: only where docker keeps them.
     */
    private Path readRegistryConfig(YamlNode pool, List<InputProblem> warnings) throws InputException {
        if (pool.get("registry-config").isEmpty()) {
            return null;
        }
        YamlNode node = pool.require("registry-config");
        String text = node.asString();
        if (text == null || text.isBlank()) {
            throw node.problem("name a docker config directory (the one holding config.json), e.g. ~/.docker");
        }
        Path dir = paths.resolve(text);
        if (Files.isRegularFile(dir)) {
            throw node.problem(dir + " is a file; name the docker config directory that holds config.json"
                    + (dir.getFileName().toString().equals("config.json") ? " (" + dir.getParent() + ")" : ""));
        }
        if (!Files.exists(dir)) {
            warnings.add(node.warning(dir + " does not exist: this pool has no registry logins until `docker --config "
                    + dir + " login` writes one"));
        } else if (!Files.isDirectory(dir)) {
            throw node.problem(dir + " is not a directory");
        }
        return dir;
    }

    private static PoolKind readKind(YamlNode node) throws InputException {
        String text = node.asString().trim();
        return switch (text) {
            case "swarm" -> PoolKind.SWARM;
            case "standalone" -> PoolKind.STANDALONE;
            default -> throw node.problem("unknown pool kind \"" + text + "\" (use swarm or standalone)");
        };
    }

    private static LabelScope readScope(YamlNode pool, PoolKind kind) throws InputException {
        if (pool.get("labels").isEmpty()) {
            return kind == PoolKind.SWARM ? LabelScope.NODE : LabelScope.ENGINE;
        }
        YamlNode labels = pool.require("labels");
        String text = labels.asString().trim();
        if (text.equals("engine")) {
            return LabelScope.ENGINE;
        }
        if (text.equals("node") && kind == PoolKind.SWARM) {
            return LabelScope.NODE;
        }
        throw labels.problem(kind == PoolKind.SWARM
                ? "use node (Swarm node labels) or engine (daemon.json labels), not \"" + text + "\""
                : "a standalone pool keeps its labels in daemon.json: use engine, not \"" + text + "\"");
    }

    private SshTarget readPoolSsh(YamlNode pool, List<InputProblem> warnings) throws InputException {
        String user = defaultSshUser;
        int port = SshTarget.DEFAULT_PORT;
        Path identity = null;
        Path knownHosts = null;
        if (pool.get("ssh").isPresent()) {
            YamlNode ssh = pool.require("ssh");
            warnings.addAll(ssh.unknownKeys(SSH_KEYS));
            user = ssh.string("user").orElse(user);
            port = ssh.get("port").isPresent() ? EngineReader.port(ssh.require("port")) : port;
            identity = ssh.string("identity").map(paths::resolve).orElse(null);
            knownHosts = ssh.string("known-hosts").map(paths::resolve).orElse(null);
        }
        return new SshTarget(user, null, port, identity, knownHosts);
    }
}
