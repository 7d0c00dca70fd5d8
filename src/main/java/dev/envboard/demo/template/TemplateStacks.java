package dev.envboard.demo.template;

import dev.envboard.deploy.compose.PortMapping;
import dev.envboard.deploy.compose.ServiceDef;
import dev.envboard.deploy.compose.Stack;
import dev.envboard.deploy.compose.StackException;
import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.yaml.InputProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A template's stack for one demo: its compose file interpolated with the variables' values,
 * with every entry point naming a service of it and a port that service publishes.
 */
public final class TemplateStacks {
    private final StackLoader loader;

    public TemplateStacks(StackLoader loader) {
        this.loader = loader;
    }

    /**
     * @param variables the values to interpolate (see {@link TemplateVariables.Resolved#forStack}); ENVIRONMENT is set here
     * @throws TemplateException every problem of the compose file and of the entry points, each with file, line and key
     */
    public Stack load(DemoTemplate template, String environment, Map<String, String> variables) throws TemplateException {
        Stack stack;
        try {
            stack = loader.load(template.composeFile(), environment, variables, template.templateFile());
        } catch (StackException e) {
            throw new TemplateException(e.problems());
        }
        List<InputProblem> problems = entryPointProblems(template, stack);
        if (!problems.isEmpty()) {
            throw new TemplateException(problems);
        }
        return stack;
    }

    /** An entry point that names no service of the stack, or a port its service does not publish, is an error at its line. */
    static List<InputProblem> entryPointProblems(DemoTemplate template, Stack stack) {
        List<InputProblem> problems = new ArrayList<>();
        for (EntryPointSpec entry : template.entryPoints()) {
            String field = "entry-points." + entry.target();
            ServiceDef service = stack.services().get(entry.service());
            if (service == null) {
                problems.add(InputProblem.error(template.templateFile(), entry.line(), field, "no service \"" + entry.service()
                        + "\" in " + template.composeFile().getFileName() + " (services: "
                        + String.join(", ", stack.services().keySet()) + ")"));
                continue;
            }
            List<Integer> published = service.ports().stream().map(PortMapping::published).filter(p -> p > 0).distinct().toList();
            if (!published.contains(entry.port())) {
                problems.add(InputProblem.error(template.templateFile(), entry.line(), field, "service " + entry.service()
                        + " publishes no port " + entry.port() + (published.isEmpty() ? " (it publishes none: add ports: [\""
                        + entry.port() + ":CONTAINER_PORT\"] in " + template.composeFile().getFileName() + ")"
                        : " (it publishes " + String.join(", ", published.stream().map(String::valueOf).toList()) + ")")));
            }
        }
        return problems;
    }
}
