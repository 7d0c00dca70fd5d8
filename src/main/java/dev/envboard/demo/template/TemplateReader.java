package dev.envboard.demo.template;

import dev.envboard.deploy.compose.Stack;
import dev.envboard.deploy.compose.StackException;
import dev.envboard.deploy.compose.StackLoader;
import dev.envboard.runtime.OffFxThread;
import dev.envboard.yaml.InputException;
import dev.envboard.yaml.InputProblem;
import dev.envboard.yaml.YamlDocuments;
import dev.envboard.yaml.YamlNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a template folder: {@code template.yaml} and the compose file beside it. Reading goes on
 * past a problem, so a bad template gets every problem at once, each as {@code file:line: key:
 * message}. The stack is loaded with each variable's default (or, without one, its name in lower
 * case) and the entry points are checked against it; a launch checks again with the real values.
 */
public final class TemplateReader {
    public static final String TEMPLATE_FILE = "template.yaml";
    /** The environment a template's stack is checked for while reading it. */
    static final String CHECK_ENVIRONMENT = "demo-check";

    private static final Set<String> KEYS = Set.of("title", "description", "hosts", "lifetime", "variables", "entry-points");
    private static final Set<String> LIFETIME_KEYS = Set.of("default", "max");
    private static final Set<String> VARIABLE_KEYS = Set.of("label", "default", "required", "pattern", "max-length");
    private static final Set<String> ENTRY_KEYS = Set.of("title", "path");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TARGET = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]*):(\\d{1,5})");
    private static final Pattern FOLDER_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final StackLoader loader;

    public TemplateReader(StackLoader loader) {
        this.loader = loader;
    }

    /** The template in {@code folder}, named after it; every problem at once in the exception. */
    public DemoTemplate read(Path folder) throws TemplateException {
        OffFxThread.check("TemplateReader.read");
        String name = folder.getFileName().toString();
        Path templateFile = folder.resolve(TEMPLATE_FILE);
        if (!FOLDER_SAFE.matcher(name).matches()) {
            throw new TemplateException(List.of(InputProblem.error(folder, 0, "",
                    "a template's folder name uses letters, digits, '.', '_' or '-', starting with a letter or digit")));
        }
        Optional<Path> compose = StackLoader.composeFileIn(folder);
        List<InputProblem> problems = new ArrayList<>();
        if (compose.isEmpty()) {
            problems.add(InputProblem.error(folder.resolve("compose.yaml"), 0, "", "no such file: a template needs its stack "
                    + "beside template.yaml (compose.yml, docker-compose.yaml and docker-compose.yml are accepted too)"));
        }
        YamlNode root;
        try {
            root = YamlDocuments.read(templateFile);
        } catch (InputException e) {
            problems.add(e.problem());
            throw new TemplateException(problems);
        }
        Found found = new Found(problems);
        DemoTemplate template = readDocument(found, name, folder, compose.orElse(folder.resolve("compose.yaml")), templateFile, root);
        // The stack and the entry points too, as far as the template alone allows: every problem at once.
        List<InputProblem> stackWarnings = List.of();
        if (compose.isPresent()) {
            try {
                Stack stack = loader.load(compose.get(), CHECK_ENVIRONMENT, checkValues(template), templateFile);
                stackWarnings = stack.warnings();
                found.problems.addAll(TemplateStacks.entryPointProblems(template, stack));
            } catch (StackException e) {
                found.problems.addAll(e.problems());
            }
        }
        if (found.hasErrors()) {
            throw new TemplateException(found.errors());
        }
        List<InputProblem> warnings = new ArrayList<>(template.warnings());
        warnings.addAll(stackWarnings);
        return new DemoTemplate(template.name(), template.folder(), template.composeFile(), template.templateFile(),
                template.title(), template.description(), template.hosts(), template.lifetime(), template.variables(),
                template.entryPoints(), warnings);
    }

    private static Map<String, String> checkValues(DemoTemplate template) {
        Map<String, String> values = new LinkedHashMap<>();
        for (TemplateVariable variable : template.variables()) {
            values.put(variable.name(), variable.defaultValue() != null ? variable.defaultValue() : variable.name().toLowerCase());
        }
        values.put(TemplateVariables.CUSTOMER, "check");
        values.put(TemplateVariables.OWNER, "check");
        return values;
    }

    private DemoTemplate readDocument(Found found, String name, Path folder, Path compose, Path templateFile, YamlNode root) {
        Map<String, YamlNode> top = found.attempt(Map.of(), root::entries);
        found.warnings(() -> root.unknownKeys(KEYS));
        String title = found.attempt(name, () -> nonBlank(root.require("title")));
        String description = found.attempt("", () -> root.get("description").isPresent() ? root.require("description").asString().strip() : "");
        int hosts = found.attempt(1, () -> hosts(root.require("hosts")));
        Lifetime lifetime = found.attempt(null, () -> lifetime(found, root.require("lifetime")));
        List<TemplateVariable> variables = top.containsKey("variables")
                ? found.attempt(List.of(), () -> variables(found, root.require("variables"))) : List.of();
        List<EntryPointSpec> entryPoints = found.attempt(List.of(), () -> entryPoints(found, root.require("entry-points")));
        return new DemoTemplate(name, folder, compose, templateFile, title, description, hosts, lifetime, variables,
                entryPoints, found.warnings);
    }

    private static String nonBlank(YamlNode node) throws InputException {
        String text = node.asString().strip();
        if (text.isEmpty()) {
            throw node.problem("is empty");
        }
        return text;
    }

    private static int hosts(YamlNode node) throws InputException {
        long hosts = node.asLong();
        if (hosts < 1 || hosts > 1000) {
            throw node.problem("must be 1 or more (how many hosts a demo needs), not " + hosts);
        }
        return (int) hosts;
    }

    private static Lifetime lifetime(Found found, YamlNode node) throws InputException {
        found.warnings(() -> node.unknownKeys(LIFETIME_KEYS));
        Duration defaultLifetime = found.attempt(null, () -> duration(node.require("default")));
        Duration max = found.attempt(null, () -> duration(node.require("max")));
        if (defaultLifetime != null && max != null && defaultLifetime.compareTo(max) > 0) {
            throw node.require("default").problem("is longer than max (" + DemoDuration.format(max) + ")");
        }
        return defaultLifetime == null || max == null ? null : new Lifetime(defaultLifetime, max);
    }

    private static Duration duration(YamlNode node) throws InputException {
        try {
            return DemoDuration.parse(node.asString());
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
    }

    private static List<TemplateVariable> variables(Found found, YamlNode node) throws InputException {
        List<TemplateVariable> variables = new ArrayList<>();
        for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
            TemplateVariable variable = found.attempt(null, () -> variable(found, entry.getKey(), entry.getValue()));
            if (variable != null) {
                variables.add(variable);
            }
        }
        return variables;
    }

    private static TemplateVariable variable(Found found, String name, YamlNode node) throws InputException {
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw node.problem("a variable name uses letters, digits and '_', not starting with a digit");
        }
        if (TemplateVariables.BUILT_IN.contains(name)) {
            throw node.problem(name + " is set by Envboard (" + String.join(", ", TemplateVariables.BUILT_IN.stream().sorted().toList())
                    + " are); use it in the stack without declaring it");
        }
        if (node.isNull()) {
            return new TemplateVariable(name, name, null, false, null, 0, node.line());
        }
        found.warnings(() -> node.unknownKeys(VARIABLE_KEYS));
        String label = found.attempt(name, () -> node.get("label").isPresent() ? nonBlank(node.require("label")) : name);
        String defaultValue = found.attempt(null, () -> node.get("default").isPresent() ? node.require("default").asString() : null);
        boolean required = found.attempt(false, () -> node.get("required").isPresent() && node.require("required").asBoolean());
        String pattern = found.attempt(null, () -> node.get("pattern").isPresent() ? pattern(node.require("pattern")) : null);
        int maxLength = found.attempt(0, () -> node.get("max-length").isPresent() ? maxLength(node.require("max-length")) : 0);
        TemplateVariable variable = new TemplateVariable(name, label, defaultValue, required, pattern, maxLength, node.line());
        if (defaultValue != null && !defaultValue.isEmpty()) {
            Optional<String> bad = variable.problem(defaultValue);
            if (bad.isPresent()) {
                throw node.require("default").problem("the default does not pass its own check: " + bad.get());
            }
        }
        return variable;
    }

    private static String pattern(YamlNode node) throws InputException {
        String text = node.asString();
        try {
            Pattern.compile(text);
            return text;
        } catch (PatternSyntaxException e) {
            throw node.problem("not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
    }

    private static int maxLength(YamlNode node) throws InputException {
        long value = node.asLong();
        if (value < 1 || value > 10_000) {
            throw node.problem("must be between 1 and 10000, not " + value);
        }
        return (int) value;
    }

    private static List<EntryPointSpec> entryPoints(Found found, YamlNode node) throws InputException {
        Map<String, YamlNode> entries = node.entries();
        if (entries.isEmpty()) {
            throw node.problem("a template needs at least one entry point, e.g. web:8080: Web shop");
        }
        List<EntryPointSpec> points = new ArrayList<>();
        for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
            EntryPointSpec point = found.attempt(null, () -> entryPoint(found, entry.getKey(), entry.getValue()));
            if (point != null) {
                points.add(point);
            }
        }
        return points;
    }

    private static EntryPointSpec entryPoint(Found found, String target, YamlNode node) throws InputException {
        Matcher matcher = TARGET.matcher(target.strip());
        if (!matcher.matches()) {
            throw node.problem("an entry point is SERVICE:PORT (the port the service publishes), e.g. web:8080");
        }
        int port = Integer.parseInt(matcher.group(2));
        if (port < 1 || port > 65535) {
            throw node.problem("port " + port + " is not between 1 and 65535");
        }
        String title;
        String path = "/";
        if (node.isScalar() && !node.isNull()) {
            title = nonBlank(node);
        } else if (node.isMap()) {
            found.warnings(() -> node.unknownKeys(ENTRY_KEYS));
            title = nonBlank(node.require("title"));
            if (node.get("path").isPresent()) {
                path = node.require("path").asString().strip();
                if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ')) {
                    throw node.require("path").problem("must start with \"/\" and hold no spaces, not \"" + path + "\"");
                }
            }
        } else {
            throw node.problem("give the entry point a title (web:8080: Web shop), or title: and path:");
        }
        return new EntryPointSpec(matcher.group(1), port, title, path, node.line());
    }

    /** Problems found while reading, in file order; reading goes on after each. */
    private static final class Found {
        private final List<InputProblem> problems;
        private final List<InputProblem> warnings = new ArrayList<>();

        Found(List<InputProblem> problems) {
            this.problems = new ArrayList<>(problems);
        }

        interface Reading<T> {
            T read() throws InputException;
        }

        <T> T attempt(T fallback, Reading<T> reading) {
            try {
                return reading.read();
            } catch (InputException e) {
                if (problems.stream().noneMatch(p -> p.toString().equals(e.problem().toString()))) {
                    problems.add(e.problem());
                }
                return fallback;
            }
        }

        void warnings(Reading<List<InputProblem>> reading) {
            List<InputProblem> found = attempt(List.of(), reading);
            warnings.addAll(found);
        }

        boolean hasErrors() {
            return problems.stream().anyMatch(InputProblem::isError);
        }

        List<InputProblem> errors() {
            List<InputProblem> errors = new ArrayList<>(problems.stream().filter(InputProblem::isError).toList());
            errors.sort(java.util.Comparator.comparing((InputProblem p) -> p.file() == null ? "" : p.file().toString())
                    .thenComparingInt(InputProblem::line));
            return errors;
        }
    }
}
