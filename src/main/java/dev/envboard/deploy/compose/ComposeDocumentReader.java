package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputProblem;
import dev.envboard.yaml.YamlNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a whole compose file: the top-level keys, every service, and the checks across services. */
final class ComposeDocumentReader {
    record Contents(Map<String, ServiceDef> services, Map<String, NetworkDef> networks) {
    }

    private final Problems problems;
    private final Scalars scalars;
    private final KeyLines keyLines;
    private final EnvFiles envFiles;
    private final Path dotEnv;
    private final Map<String, String> variables;

    ComposeDocumentReader(Problems problems, Scalars scalars, KeyLines keyLines, EnvFiles envFiles, Path dotEnv,
                          Map<String, String> variables) {
        this.problems = problems;
        this.scalars = scalars;
        this.keyLines = keyLines;
        this.envFiles = envFiles;
        this.dotEnv = dotEnv;
        this.variables = variables;
    }

    Contents read(YamlNode root) {
        Map<String, YamlNode> top = problems.attempt(null, root::entries);
        if (top == null) {
            return new Contents(Map.of(), Map.of());
        }
        Map<String, YamlNode> services = services(root, top.get("services"));
        Set<String> volumes = volumeNames(top.get("volumes"));
        Map<String, YamlNode> networkNodes = mapping(top.get("networks"));
        StackContext context = new StackContext(problems, scalars, keyLines, envFiles, root.file().getParent(), dotEnv,
                variables, Collections.unmodifiableSet(new LinkedHashSet<>(services.keySet())),
                Set.copyOf(networkNodes.keySet()), volumes);
        Map<String, NetworkDef> networks = new LinkedHashMap<>();
        if (top.get("networks") != null && !top.get("networks").isNull()) {
            networks.putAll(problems.attempt(Map.of(), () -> new NetworksReader(context).read(top.get("networks"))));
        }

        Map<String, ServiceDef> defs = new LinkedHashMap<>();
        ServiceReader reader = new ServiceReader(context);
        services.forEach((name, node) -> {
            ServiceDef service = reader.read(name, node);
            if (service != null) {
                defs.put(name, service);
            }
        });
        reportCycles(defs, root.file());
        if (!networks.containsKey("default") && defs.values().stream().anyMatch(s -> s.networks().contains("default"))) {
            networks.put("default", NetworkDef.plain("default"));
        }
        ComposeKeys.TOP_LEVEL.check(root, context);
        return new Contents(defs, networks);
    }

    private Map<String, YamlNode> services(YamlNode root, YamlNode services) {
        if (services == null || services.isNull()) {
            problems.add(InputProblem.error(root.file(), 1, "services", "is required: a stack needs at least one service"));
            return Map.of();
        }
        Map<String, YamlNode> entries = mapping(services);
        if (entries.isEmpty() && services.isMap()) {
            problems.add(InputProblem.error(root.file(), keyLines.line(services), "services", "a stack needs at least one service"));
        }
        return entries;
    }

    /** Top-level volumes only need to exist for the services' mounts; their settings are Docker's defaults. */
    private Set<String> volumeNames(YamlNode volumes) {
        Map<String, YamlNode> entries = mapping(volumes);
        entries.values().forEach(scalars::sweep);
        return Set.copyOf(entries.keySet());
    }

    private Map<String, YamlNode> mapping(YamlNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        return problems.attempt(Map.of(), node::entries);
    }

    private void reportCycles(Map<String, ServiceDef> services, Path file) {
        for (List<String> cycle : DependencyGraph.of(services).cycles()) {
            ServiceDef first = services.get(cycle.get(0));
            problems.add(InputProblem.error(file, first.line("depends_on"), "services." + first.name() + ".depends_on",
                    "depends_on cycle: " + String.join(" -> ", cycle)));
        }
    }
}
