package dev.envboard.deploy.compose;

import dev.envboard.runtime.OffFxThread;
import dev.envboard.yaml.InputException;
import dev.envboard.yaml.InputProblem;
import dev.envboard.yaml.YamlDocuments;
import dev.envboard.yaml.YamlNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Loads an environment's compose stack from a pool's stacks folder: {@code <env>/compose.yaml},
 * else the shared {@code default/compose.yaml}, interpolated with {@code <env>/.env} and
 * ENVIRONMENT only (never the process environment: a deploy must be reproducible).
 */
public final class StackLoader {
    /** The variable that holds the environment's name; it wins over the same key in .env. */
    public static final String ENVIRONMENT_VARIABLE = "ENVIRONMENT";
    public static final String DEFAULT_FOLDER = "default";
    static final List<String> FILE_NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml");
    // Environment names become folder names here: nothing that could leave the stacks folder.
    private static final Pattern FOLDER_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final long MAX_BYTES = 4 * 1024 * 1024;

    public StackLoader() {
    }

    /** The compose file the environment would be deployed from, if there is one. */
    public Optional<Path> locate(Path stacksDir, String environment) {
        OffFxThread.check("StackLoader.locate");
        if (environment == null || !FOLDER_SAFE.matcher(environment).matches()) {
            return Optional.empty();
        }
        return firstComposeFile(stacksDir.resolve(environment)).or(() -> firstComposeFile(stacksDir.resolve(DEFAULT_FOLDER)));
    }

    /** The compose file of a folder (compose.yaml, else compose.yml, docker-compose.yaml, docker-compose.yml), if any. */
    public static Optional<Path> composeFileIn(Path folder) {
        return firstComposeFile(folder);
    }

    /** The stack, with warnings; every error found is in the exception, each with file, line and key. */
    public Stack load(Path stacksDir, String environment) throws StackException {
        OffFxThread.check("StackLoader.load");
        if (environment == null || !FOLDER_SAFE.matcher(environment).matches()) {
            throw new StackException(List.of(InputProblem.error(null, 0, "",
                    "\"" + environment + "\" cannot name a stacks folder: use letters, digits, '.', '_' or '-'")));
        }
        Path file = locate(stacksDir, environment).orElseThrow(() -> notFound(stacksDir, environment));
        Path dotEnv = stacksDir.resolve(environment).resolve(".env");
        return load(file, environment, dotEnv, dotEnv, Map.of());
    }

    /**
     * One compose file as it is, for an environment, interpolated with {@code variables} plus
     * ENVIRONMENT (which wins): no .env is read. A demo template's stack is loaded so, with the
     * values its variables were given.
     *
     * @param variablesSource named when a variable is missing (where the user gives it a value)
     */
    public Stack load(Path composeFile, String environment, Map<String, String> variables, Path variablesSource)
            throws StackException {
        OffFxThread.check("StackLoader.load");
        if (!Files.isRegularFile(composeFile)) {
            throw new StackException(List.of(InputProblem.error(composeFile, 0, "", "no such file")));
        }
        return load(composeFile, environment, null, variablesSource, variables);
    }

    /**
     * @param dotEnv          the .env to read, or null for none
     * @param variablesSource where a missing variable is to be set, for messages
     */
    private Stack load(Path file, String environment, Path dotEnv, Path variablesSource, Map<String, String> extraVariables)
            throws StackException {
        Problems problems = new Problems();
        warnAboutOtherComposeFiles(file, problems);
        StackDigest digest = new StackDigest();
        String text = readComposeFile(file, digest);
        YamlNode root;
        try {
            root = YamlDocuments.parse(file, text);
        } catch (InputException e) {
            throw new StackException(List.of(e.problem()));
        }
        EnvFiles envFiles = new EnvFiles(problems, digest);
        Map<String, String> variables = new LinkedHashMap<>(extraVariables);
        variables.putAll(variables(dotEnv, environment, envFiles, problems));
        Scalars scalars = new Scalars(new Interpolator(variables), problems);
        ComposeDocumentReader.Contents contents = new ComposeDocumentReader(problems, scalars, KeyLines.index(text),
                envFiles, variablesSource, variables).read(root);
        if (problems.hasErrors()) {
            throw new StackException(problems.errors());
        }
        return new Stack(file, environment, contents.services(), contents.networks(), problems.warnings(), digest.hex());
    }

    /**
     * The services in depends_on order: the first level depends on nothing, each later level only
     * on earlier ones, file order within a level. Throws IllegalArgumentException for a cycle or an
     * unknown service (a loaded stack has neither).
     */
    public static List<List<String>> dependencyOrder(Stack stack) {
        return DependencyGraph.of(stack.services()).levels();
    }

    private static Optional<Path> firstComposeFile(Path folder) {
        return FILE_NAMES.stream().map(folder::resolve).filter(Files::isRegularFile).findFirst();
    }

    private static StackException notFound(Path stacksDir, String environment) {
        Path own = stacksDir.resolve(environment).resolve(FILE_NAMES.get(0));
        Path shared = stacksDir.resolve(DEFAULT_FOLDER).resolve(FILE_NAMES.get(0));
        return new StackException(List.of(InputProblem.error(null, 0, "", "no stack for environment " + environment
                + ": neither " + own + " nor " + shared + " exists (compose.yml, docker-compose.yaml and "
                + "docker-compose.yml are accepted too)")));
    }

    /** Compose warns when a folder holds several compose files; so do we, naming the one used. */
    private static void warnAboutOtherComposeFiles(Path file, Problems problems) {
        List<String> others = new ArrayList<>();
        for (String name : FILE_NAMES) {
            Path candidate = file.resolveSibling(name);
            if (!candidate.equals(file) && Files.isRegularFile(candidate)) {
                others.add(name);
            }
        }
        if (!others.isEmpty()) {
            problems.add(InputProblem.warning(file, 0, "", "also found " + String.join(", ", others)
                    + " in the same folder; using " + file.getFileName()));
        }
    }

    private static String readComposeFile(Path file, StackDigest digest) throws StackException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new StackException(List.of(InputProblem.error(file, 0, "", "larger than 4 MiB, refused")));
            }
            byte[] bytes = Files.readAllBytes(file);
            digest.add(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException(List.of(InputProblem.error(file, 0, "", "cannot be read: " + e.getMessage())));
        }
    }

    /** The .env (when there is one) plus ENVIRONMENT, which wins; nothing else. A null .env is none. */
    private static Map<String, String> variables(Path dotEnv, String environment, EnvFiles envFiles, Problems problems)
            throws StackException {
        Map<String, String> variables = new LinkedHashMap<>();
        if (dotEnv != null && Files.isRegularFile(dotEnv)) {
            try {
                for (DotEnvFile.Entry entry : envFiles.read(dotEnv)) {
                    if (variables.put(entry.key(), entry.value()) != null) {
                        problems.add(InputProblem.warning(dotEnv, entry.line(), entry.key(),
                                "set again: this value replaces the one above"));
                    }
                    if (entry.key().equals(ENVIRONMENT_VARIABLE) && !entry.value().equals(environment)) {
                        problems.add(InputProblem.warning(dotEnv, entry.line(), entry.key(), "ignored: Envboard sets "
                                + ENVIRONMENT_VARIABLE + " to the environment's name, \"" + environment + "\""));
                    }
                }
            } catch (IOException e) {
                throw new StackException(List.of(InputProblem.error(dotEnv, 0, "", "cannot be read: " + e.getMessage())));
            }
        }
        variables.put(ENVIRONMENT_VARIABLE, environment);
        return variables;
    }
}
