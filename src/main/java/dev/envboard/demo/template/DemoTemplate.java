package dev.envboard.demo.template;

import dev.envboard.yaml.InputProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A demo template: a folder in the pool's {@code templates:} folder holding a compose file and a
 * {@code template.yaml}. Read and checked by {@link TemplateReader}.
 *
 * @param name         the folder's name, what {@code envboard demo launch NAME} takes
 * @param composeFile  the stack the demo deploys
 * @param templateFile its template.yaml
 * @param hosts        how many hosts a demo of it needs at least
 * @param variables    in file order
 * @param entryPoints  in file order
 * @param warnings     unknown keys and the like: shown, never silently dropped
 */
public record DemoTemplate(String name, Path folder, Path composeFile, Path templateFile, String title,
                           String description, int hosts, Lifetime lifetime, List<TemplateVariable> variables,
                           List<EntryPointSpec> entryPoints, List<InputProblem> warnings) {

    public DemoTemplate {
        variables = List.copyOf(variables);
        entryPoints = List.copyOf(entryPoints);
        warnings = List.copyOf(warnings);
    }

    public Optional<TemplateVariable> variable(String variableName) {
        return variables.stream().filter(v -> v.name().equals(variableName)).findFirst();
    }
}
