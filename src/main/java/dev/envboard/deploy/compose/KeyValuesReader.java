package dev.envboard.deploy.compose;

import dev.envboard.yaml.InputException;
import dev.envboard.yaml.InputProblem;
import dev.envboard.yaml.YamlNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** environment:, env_file: and labels:, each a mapping or a list of KEY=value. */
final class KeyValuesReader {
    /** What a key written without a value stands for. */
    private interface BareKey {
        String value(String key, YamlNode at) throws InputException;
    }

    private final StackContext context;

    KeyValuesReader(StackContext context) {
        this.context = context;
    }

    /** env_file entries first, in order, then environment: which wins, as in Compose. */
    Map<String, String> environment(YamlNode service) throws InputException {
        Map<String, String> environment = new LinkedHashMap<>();
        if (service.get("env_file").isPresent()) {
            YamlNode envFile = service.require("env_file");
            List<YamlNode> items = envFile.isList() ? envFile.items() : List.of(envFile);
            for (YamlNode item : items) {
                context.problems().run(() -> readEnvFile(item, environment));
            }
        }
        if (service.get("environment").isPresent()) {
            environment.putAll(pairs(service.require("environment"), this::fromVariables));
        }
        return environment;
    }

    /** A key without a value in labels: is an empty label, as in Compose. */
    Map<String, String> labels(YamlNode labels) throws InputException {
        return pairs(labels, (key, at) -> "");
    }

    private void readEnvFile(YamlNode item, Map<String, String> environment) throws InputException {
        YamlNode pathNode = item;
        boolean required = true;
        if (item.isMap()) {
            ComposeKeys.ENV_FILE.check(item, context);
            pathNode = item.require("path");
            if (item.get("required").isPresent()) {
                required = context.scalars().bool(item.require("required"));
            }
        }
        Path file = context.composeDir().resolve(context.scalars().text(pathNode).trim()).normalize();
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw pathNode.problem("no such file: " + file);
            }
            return;
        }
        try {
            for (DotEnvFile.Entry entry : context.envFiles().read(file)) {
                environment.put(entry.key(), entry.value());
            }
        } catch (IOException e) {
            throw pathNode.problem(file + " cannot be read: " + e.getMessage());
        }
    }

    private String fromVariables(String key, YamlNode at) throws InputException {
        String value = context.variables().get(key);
        if (value == null) {
            throw new InputException(InputProblem.error(at.file(), at.line(), at.path(), key
                    + " has no value: write " + key + "=value, or set " + key + " in " + context.dotEnv()));
        }
        return value;
    }

    private Map<String, String> pairs(YamlNode node, BareKey bare) throws InputException {
        Map<String, String> out = new LinkedHashMap<>();
        if (node.isMap()) {
            for (Map.Entry<String, YamlNode> entry : node.entries().entrySet()) {
                YamlNode value = entry.getValue();
                context.problems().run(() -> out.put(entry.getKey(), value.isNull()
                        ? bare.value(entry.getKey(), value)
                        : context.scalars().text(value)));
            }
        } else if (node.isList()) {
            for (YamlNode item : node.items()) {
                context.problems().run(() -> {
                    String text = context.scalars().text(item);
                    int equals = text.indexOf('=');
                    String key = (equals < 0 ? text : text.substring(0, equals)).trim();
                    if (key.isEmpty()) {
                        throw item.problem("expected KEY=value, not \"" + text + "\"");
                    }
                    out.put(key, equals < 0 ? bare.value(key, item) : text.substring(equals + 1));
                });
            }
        } else {
            throw node.problem("must be a mapping or a list of KEY=value");
        }
        return out;
    }
}
