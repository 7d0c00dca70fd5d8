package dev.envboard.yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML value that remembers where it came from (file, line, dotted field path), so every
 * complaint about it can name all three. Wraps SnakeYAML's composed node graph.
 */
public final class YamlNode {
    private final Path file;
    private final Node node;
    private final String path;

    YamlNode(Path file, Node node, String path) {
        this.file = file;
        this.node = node;
        this.path = path;
    }

    public Path file() {
        return file;
    }

    /** 1-based line where the value starts. */
    public int line() {
        return node.getStartMark().getLine() + 1;
    }

    /** Field path from the document root, e.g. {@code pools[1].engines[0].endpoint}. */
    public String path() {
        return path;
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    public boolean isNull() {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** Entries of a mapping in file order; merge keys ({@code <<: *anchor}) are resolved. */
    public Map<String, YamlNode> entries() throws InputException {
        MappingNode map = requireMap();
        Map<String, YamlNode> out = new LinkedHashMap<>();
        collectEntries(map, out);
        return out;
    }

    private void collectEntries(MappingNode map, Map<String, YamlNode> out) throws InputException {
        // Merged entries come first so that keys written in this mapping override them.
        for (NodeTuple tuple : map.getValue()) {
            if (isMergeKey(tuple.getKeyNode())) {
                for (MappingNode merged : mergeSources(tuple.getValueNode())) {
                    Map<String, YamlNode> inherited = new LinkedHashMap<>();
                    collectEntries(merged, inherited);
                    inherited.forEach(out::putIfAbsent);
                }
            }
        }
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (isMergeKey(keyNode)) {
                continue;
            }
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                throw problemAt(keyNode, path, "keys must be plain text");
            }
            String key = scalarKey.getValue();
            out.put(key, new YamlNode(file, tuple.getValueNode(), child(key)));
        }
    }

    private static boolean isMergeKey(Node key) {
        return Tag.MERGE.equals(key.getTag())
                || (key instanceof ScalarNode scalar && "<<".equals(scalar.getValue()));
    }

    private List<MappingNode> mergeSources(Node value) throws InputException {
        List<MappingNode> sources = new ArrayList<>();
        if (value instanceof MappingNode map) {
            sources.add(map);
        } else if (value instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (!(item instanceof MappingNode map)) {
                    throw problemAt(item, path, "a merge key takes mappings only");
                }
                sources.add(map);
            }
        } else {
            throw problemAt(value, path, "a merge key takes a mapping or a list of mappings");
        }
        return sources;
    }

    public Set<String> keys() throws InputException {
        return entries().keySet();
    }

    public Optional<YamlNode> get(String key) throws InputException {
        YamlNode value = entries().get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public YamlNode require(String key) throws InputException {
        return get(key).orElseThrow(() -> problem(child(key), "is required"));
    }

    public Optional<String> string(String key) throws InputException {
        Optional<YamlNode> value = get(key);
        return value.isPresent() ? Optional.of(value.get().asString()) : Optional.empty();
    }

    public String requireString(String key) throws InputException {
        return require(key).asString();
    }

    public List<YamlNode> items() throws InputException {
        if (!(node instanceof SequenceNode seq)) {
            throw problem("must be a list, not " + describeKind());
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(new YamlNode(file, seq.getValue().get(i), path + "[" + i + "]"));
        }
        return out;
    }

    public String asString() throws InputException {
        if (!(node instanceof ScalarNode scalar)) {
            throw problem("must be a single value, not " + describeKind());
        }
        return scalar.getValue();
    }

    public boolean asBoolean() throws InputException {
        String text = asString().trim().toLowerCase();
        return switch (text) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw problem("must be true or false, not \"" + text + "\"");
        };
    }

    public long asLong() throws InputException {
        String text = asString().trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw problem("must be a whole number, not \"" + text + "\"");
        }
    }

    /** Warnings for keys this reader does not know: never silently ignored. */
    public List<InputProblem> unknownKeys(Set<String> known) throws InputException {
        List<InputProblem> warnings = new ArrayList<>();
        for (Map.Entry<String, YamlNode> entry : entries().entrySet()) {
            if (!known.contains(entry.getKey())) {
                YamlNode value = entry.getValue();
                warnings.add(InputProblem.warning(file, value.line(), value.path(), "unknown key, ignored"));
            }
        }
        return warnings;
    }

    public InputException problem(String message) {
        return new InputException(InputProblem.error(file, line(), path, message));
    }

    public InputException problem(String field, String message) {
        return new InputException(InputProblem.error(file, line(), field, message));
    }

    public InputProblem warning(String message) {
        return InputProblem.warning(file, line(), path, message);
    }

    private MappingNode requireMap() throws InputException {
        if (!(node instanceof MappingNode map)) {
            throw problem("must be a mapping of keys to values, not " + describeKind());
        }
        return map;
    }

    private InputException problemAt(Node at, String field, String message) {
        int line = at.getStartMark().getLine() + 1;
        return new InputException(InputProblem.error(file, line, field, message));
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String describeKind() {
        if (isNull()) {
            return "nothing";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "\"" + ((ScalarNode) node).getValue() + "\"";
    }
}
