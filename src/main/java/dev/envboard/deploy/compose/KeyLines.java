package dev.envboard.deploy.compose;

import dev.envboard.yaml.YamlNode;
import java.io.StringReader;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The line of each KEY of a compose file, by the same dotted path YamlNode uses. Needed because
 * YamlNode.line() is where the value starts, which for a block ({@code deploy:} followed by its
 * fields) is the line after the key the user wrote. Each node is indexed once (aliases are not
 * followed twice); keys merged from an anchor defined elsewhere fall back to the value's line,
 * which is then inside the anchor, where the user wrote it.
 */
final class KeyLines {
    private static final int MAX_ALIASES = 100;

    private final Map<String, Integer> lines;

    private KeyLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** Indexes a document that YamlDocuments already parsed. */
    static KeyLines index(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        Node root = new Yaml(options).compose(new StringReader(text));
        Map<String, Integer> lines = new HashMap<>();
        if (root != null) {
            walk(root, "", lines, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
        return new KeyLines(lines);
    }

    /** 1-based line of the key whose value this is, else of the value itself. */
    int line(YamlNode value) {
        return lines.getOrDefault(value.path(), value.line());
    }

    private static void walk(Node node, String path, Map<String, Integer> lines, Set<Node> visited) {
        if (!visited.add(node)) {
            return;
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (isMergeKey(tuple.getKeyNode()) || !(tuple.getKeyNode() instanceof ScalarNode key)) {
                    continue;
                }
                String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                lines.putIfAbsent(child, key.getStartMark().getLine() + 1);
                walk(tuple.getValueNode(), child, lines, visited);
            }
            // Keys written in the mapping itself win over merged ones, as in YamlNode.
            for (NodeTuple tuple : map.getValue()) {
                if (isMergeKey(tuple.getKeyNode())) {
                    for (Node source : mergeSources(tuple.getValueNode())) {
                        walk(source, path, lines, visited);
                    }
                }
            }
        } else if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                walk(seq.getValue().get(i), path + "[" + i + "]", lines, visited);
            }
        }
    }

    private static List<Node> mergeSources(Node value) {
        return value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
    }

    private static boolean isMergeKey(Node key) {
        return Tag.MERGE.equals(key.getTag()) || (key instanceof ScalarNode scalar && "<<".equals(scalar.getValue()));
    }
}
