package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputException;
import dev.envboard.yaml.InputProblem;
import dev.envboard.yaml.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads one entry of services:, recording every problem and going on past it. */
final class ServiceReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Duration DEFAULT_STOP_GRACE_PERIOD = Duration.ofSeconds(10);
    // Blocks whose own keys get an entry in ServiceDef.lines ("deploy.replicas", ...).
    private static final List<String> BLOCKS_WITH_LINES = List.of("deploy", "deploy.placement",
            "deploy.restart_policy", "healthcheck");

    private final StackContext context;
    private final Problems problems;

    ServiceReader(StackContext context) {
        this.context = context;
        this.problems = context.problems();
    }

    /** Null when the entry is not even a mapping (that is recorded as an error). */
    ServiceDef read(String name, YamlNode service) {
        int serviceLine = context.keyLines().line(service);
        if (!NAME.matcher(name).matches()) {
            problems.add(InputProblem.error(service.file(), serviceLine, service.path(),
                    "a service name uses letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (problems.attempt(null, service::entries) == null) {
            return null;
        }
        String image = problems.attempt(null, () -> image(service, serviceLine));
        List<String> command = problems.attempt(null, () -> commandLine(service, "command"));
        List<String> entrypoint = problems.attempt(null, () -> commandLine(service, "entrypoint"));
        KeyValuesReader keyValues = new KeyValuesReader(context);
        Map<String, String> environment = problems.attempt(Map.of(), () -> keyValues.environment(service));
        Map<String, String> labels = problems.attempt(Map.of(), () -> service.get("labels").isPresent()
                ? keyValues.labels(service.require("labels")) : Map.of());
        List<VolumeMount> volumes = problems.attempt(List.of(), () -> new MountsReader(context).read(service));
        List<PortMapping> ports = problems.attempt(List.of(), () -> new PortsReader(context).read(service));
        HealthcheckDef healthcheck = problems.attempt(null, () -> new HealthcheckReader(context).read(service));
        List<Dependency> dependsOn = problems.attempt(List.of(), () -> new DependsOnReader(context).read(service));
        Duration stopGracePeriod = problems.attempt(DEFAULT_STOP_GRACE_PERIOD, () -> service.get("stop_grace_period").isPresent()
                ? context.scalars().duration(service.require("stop_grace_period")) : DEFAULT_STOP_GRACE_PERIOD);
        DeploySpec deploy = problems.attempt(DeploySpec.defaults(), () -> new DeployReader(context).read(service));
        List<String> networks = problems.attempt(List.of("default"), () -> networks(service));
        PullPolicy pullPolicy = problems.attempt(null, () -> pullPolicy(service));
        ComposeKeys.SERVICE.check(service, context);
        return new ServiceDef(name, image, command, entrypoint, environment, labels, volumes, ports, healthcheck,
                dependsOn, stopGracePeriod, deploy, networks, lines(service, serviceLine), pullPolicy);
    }

    private String image(YamlNode service, int serviceLine) throws InputException {
        if (service.get("image").isEmpty()) {
            throw new InputException(InputProblem.error(service.file(), serviceLine, service.path() + ".image",
                    "is required: name the image to run"));
        }
        YamlNode node = service.require("image");
        String image = context.scalars().text(node).trim();
        if (image.isEmpty()) {
            throw node.problem("is empty: name the image to run");
        }
        return image;
    }

    /**
     * always | missing | never ({@code if_not_present} is compose's old name for missing); what
     * Envboard cannot do is an error rather than a policy silently not applied.
     */
    private PullPolicy pullPolicy(YamlNode service) throws InputException {
        if (service.get("pull_policy").isEmpty()) {
            return null;
        }
        YamlNode node = service.require("pull_policy");
        String text = context.scalars().text(node).trim();
        return switch (text) {
            case "always" -> PullPolicy.ALWAYS;
            case "missing", "if_not_present" -> PullPolicy.MISSING;
            case "never" -> PullPolicy.NEVER;
            case "build" -> throw node.problem("\"build\" is not supported: Envboard does not build images; build and push "
                    + "the image beforehand, then use always, missing or never");
            default -> throw node.problem(text.equals("daily") || text.equals("weekly") || text.startsWith("every_")
                    ? "\"" + text + "\" is not supported: Envboard keeps no pull times; use always, missing or never"
                    : "must be always, missing or never, not \"" + text + "\"");
        };
    }

    /** A string is split into words like a shell would; null when not written (the image's own). */
    private List<String> commandLine(YamlNode service, String key) throws InputException {
        if (service.get(key).isEmpty()) {
            return null;
        }
        YamlNode node = service.require(key);
        if (node.isList()) {
            return context.scalars().texts(node);
        }
        try {
            return ShellWords.split(context.scalars().text(node));
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
    }

    private List<String> networks(YamlNode service) throws InputException {
        List<String> networks = new ArrayList<>();
        if (service.get("networks").isEmpty()) {
            return List.of("default");
        }
        YamlNode node = service.require("networks");
        if (node.isList()) {
            for (YamlNode item : node.items()) {
                problems.run(() -> networks.add(network(context.scalars().text(item).trim(), item)));
            }
        } else if (node.isMap()) {
            for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
                YamlNode settings = entry.getValue();
                if (settings.isMap()) {
                    ComposeKeys.SERVICE_NETWORK.check(settings, context);
                }
                problems.run(() -> networks.add(network(entry.getKey(), settings)));
            }
        } else {
            throw node.problem("must be a list or a mapping of network names");
        }
        return networks.isEmpty() ? List.of("default") : networks;
    }

    private String network(String name, YamlNode at) throws InputException {
        if (!name.equals("default") && !context.networks().contains(name)) {
            throw new InputException(InputProblem.error(at.file(), context.keyLines().line(at), at.path(),
                    "network \"" + name + "\" is not defined under the top-level networks:"));
        }
        return name;
    }

    private Map<String, Integer> lines(YamlNode service, int serviceLine) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        lines.put("", serviceLine);
        Map<String, YamlNode> blocks = new HashMap<>();
        blocks.put("", service);
        for (String block : BLOCKS_WITH_LINES) {
            int dot = block.lastIndexOf('.');
            YamlNode parent = blocks.get(dot < 0 ? "" : block.substring(0, dot));
            YamlNode node = parent == null ? null : problems.attempt(null, () -> parent.get(block.substring(dot + 1)).orElse(null));
            if (node != null && node.isMap()) {
                blocks.put(block, node);
            }
        }
        blocks.forEach((block, node) -> {
            Map<String, YamlNode> entries = problems.attempt(Map.of(), node::entries);
            entries.forEach((key, value) -> lines.put(block.isEmpty() ? key : block + "." + key, context.keyLines().line(value)));
        });
        return lines;
    }
}
