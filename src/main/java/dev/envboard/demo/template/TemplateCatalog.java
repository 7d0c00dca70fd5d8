package dev.envboard.demo.template;

import dev.envboard.runtime.OffFxThread;
import dev.envboard.yaml.InputProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The templates of a pool's {@code templates:} folder: each sub-folder with a template.yaml is one. */
public final class TemplateCatalog {
    private final TemplateReader reader;

    /**
     * What a templates folder holds.
     *
     * @param templates the good ones, by name
     * @param invalid   the bad ones, by name, with every problem
     * @param problem   why the folder itself could not be read; null when it could
     */
    public record Listing(List<DemoTemplate> templates, Map<String, List<InputProblem>> invalid, String problem) {
        public Listing {
            templates = List.copyOf(templates);
            invalid = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(invalid));
        }
    }

    public TemplateCatalog(TemplateReader reader) {
        this.reader = reader;
    }

    /** Every template in {@code folder}, sorted by name; a missing folder lists none and says so. */
    public Listing list(Path folder) {
        OffFxThread.check("TemplateCatalog.list");
        if (folder == null) {
            return new Listing(List.of(), Map.of(), "the pool has no templates: folder in pools.yaml");
        }
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(folder)) {
            candidates = entries.filter(p -> Files.isRegularFile(p.resolve(TemplateReader.TEMPLATE_FILE))).sorted().toList();
        } catch (IOException e) {
            return new Listing(List.of(), Map.of(), folder + " cannot be read: " + e.getMessage());
        }
        List<DemoTemplate> templates = new ArrayList<>();
        Map<String, List<InputProblem>> invalid = new LinkedHashMap<>();
        for (Path candidate : candidates) {
            try {
                templates.add(reader.read(candidate));
            } catch (TemplateException e) {
                invalid.put(candidate.getFileName().toString(), e.problems());
            }
        }
        return new Listing(templates, invalid, null);
    }

    /** The template named {@code name} in {@code folder}. */
    public DemoTemplate find(Path folder, String name) throws TemplateException {
        OffFxThread.check("TemplateCatalog.find");
        if (folder == null) {
            throw new TemplateException(List.of(InputProblem.error(null, 0, "templates",
                    "the pool has no templates: folder in pools.yaml")));
        }
        Path candidate = folder.resolve(name).normalize();
        if (!candidate.getParent().equals(folder.normalize()) || !Files.isRegularFile(candidate.resolve(TemplateReader.TEMPLATE_FILE))) {
            List<String> names = list(folder).templates().stream().map(DemoTemplate::name).toList();
            throw new TemplateException(List.of(InputProblem.error(folder, 0, "", "no template \"" + name + "\" here"
                    + (names.isEmpty() ? " (there is none)" : " (templates: " + String.join(", ", names) + ")"))));
        }
        return reader.read(candidate);
    }
}
