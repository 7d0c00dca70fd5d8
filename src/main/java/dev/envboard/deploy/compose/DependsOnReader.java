package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputException;
import dev.envboard.yaml.InputProblem;
import dev.envboard.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** depends_on:, a list of services (started) or a mapping of services to a condition. */
final class DependsOnReader {
    private static final Set<String> CONDITIONS = Set.of(Dependency.STARTED, Dependency.HEALTHY, Dependency.COMPLETED);

    private final StackContext context;

    DependsOnReader(StackContext context) {
        this.context = context;
    }

    List<Dependency> read(YamlNode service) throws InputException {
        List<Dependency> dependencies = new ArrayList<>();
        if (service.get("depends_on").isEmpty()) {
            return dependencies;
        }
        YamlNode node = service.require("depends_on");
        if (node.isList()) {
            for (YamlNode item : node.items()) {
                context.problems().run(() -> add(dependencies, node, item,
                        new Dependency(context.scalars().text(item).trim(), Dependency.STARTED)));
            }
        } else if (node.isMap()) {
            for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
                YamlNode value = entry.getValue();
                context.problems().run(() -> add(dependencies, node, value,
                        new Dependency(entry.getKey(), condition(value))));
            }
        } else {
            throw node.problem("must be a list of services or a mapping of services to a condition");
        }
        return dependencies;
    }

    private void add(List<Dependency> dependencies, YamlNode dependsOn, YamlNode at, Dependency dependency)
            throws InputException {
        int line = context.keyLines().line(at);
        if (!context.services().contains(dependency.service())) {
            throw new InputException(InputProblem.error(at.file(), line, dependsOn.path(),
                    "unknown service \"" + dependency.service() + "\" (the services are " + String.join(", ", context.services()) + ")"));
        }
        if (dependencies.stream().anyMatch(known -> known.service().equals(dependency.service()))) {
            context.problems().add(InputProblem.warning(at.file(), line, dependsOn.path(),
                    "\"" + dependency.service() + "\" is listed twice; the first one counts"));
            return;
        }
        dependencies.add(dependency);
    }

    private String condition(YamlNode value) throws InputException {
        if (value.isNull()) {
            return Dependency.STARTED;
        }
        ComposeKeys.DEPENDENCY.check(value, context);
        if (value.get("condition").isEmpty()) {
            return Dependency.STARTED;
        }
        YamlNode node = value.require("condition");
        String condition = context.scalars().text(node).trim();
        if (!CONDITIONS.contains(condition)) {
            throw node.problem("must be service_started, service_healthy or service_completed_successfully, not \""
                    + condition + "\"");
        }
        return condition;
    }
}
