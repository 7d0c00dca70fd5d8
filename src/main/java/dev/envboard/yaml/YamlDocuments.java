package dev.envboard.yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads a YAML file into a located node tree; syntax errors name the file and line. */
public final class YamlDocuments {
    private static final int MAX_ALIASES = 100;
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private YamlDocuments() {
    }

    public static YamlNode read(Path file) throws InputException {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InputException(InputProblem.error(file, 0, "", "larger than 4 MiB, refused"));
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(InputProblem.error(file, 0, "", "no such file"));
        } catch (IOException e) {
            throw new InputException(InputProblem.error(file, 0, "", "cannot be read: " + e.getMessage()));
        }
        return parse(file, text);
    }

    public static YamlNode parse(Path file, String text) throws InputException {
        LoaderOptions options = new LoaderOptions();
        // Aliases are allowed (compose files use them) but bounded against "billion laughs".
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(false);
        try (Reader reader = new StringReader(text)) {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new InputException(InputProblem.error(file, 1, "", "the file is empty"));
            }
            return new YamlNode(file, root, "");
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String message = e.getProblem() == null ? e.getMessage() : e.getProblem();
            if (e.getContext() != null) {
                message = e.getContext() + ": " + message;
            }
            throw new InputException(InputProblem.error(file, line, "", "not valid YAML: " + message));
        } catch (YAMLException e) {
            throw new InputException(InputProblem.error(file, 0, "", "not valid YAML: " + e.getMessage()));
        } catch (IOException e) {
            throw new InputException(InputProblem.error(file, 0, "", e.getMessage()));
        }
    }
}
