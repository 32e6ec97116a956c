package nl.wams.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML document as a Jackson tree that remembers the line of every node, so that every problem
 * can be reported as {@code file:line: path}.
 */
final class LocatedYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path file;
    private final String text;
    private final JsonNode tree;
    private final Map<String, Integer> lines;

    private LocatedYaml(Path file, String text, JsonNode tree, Map<String, Integer> lines) {
        this.file = file;
        this.text = text;
        this.tree = tree;
        this.lines = lines;
    }

    /** The file's text exactly as it was read and checked (what a configuration version hashes). */
    String text() {
        return text;
    }

    /** Reads the file; syntax errors and duplicate keys are added to {@code problems}. */
    static LocatedYaml read(Path file, List<ConfigProblem> problems) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(1_000_000);
        Map<String, Integer> lines = new HashMap<>();
        String text = "";
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            Node root = new Yaml(options).compose(new StringReader(text));
            if (root == null) {
                problems.add(new ConfigProblem(file, 1, "", "file is empty"));
                return new LocatedYaml(file, text, NODES.objectNode(), lines);
            }
            List<ConfigProblem> duplicates = new ArrayList<>();
            JsonNode tree = convert(file, root, "", lines, duplicates);
            problems.addAll(duplicates);
            return new LocatedYaml(file, text, tree, lines);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            problems.add(new ConfigProblem(file, line, "", "YAML syntax error: " + e.getProblem()));
        } catch (YAMLException e) {
            problems.add(new ConfigProblem(file, 1, "", "YAML error: " + e.getMessage()));
        } catch (IOException e) {
            problems.add(new ConfigProblem(file, 0, "", "cannot read file: " + e.getMessage()));
        }
        return new LocatedYaml(file, text, NODES.objectNode(), lines);
    }

    private static JsonNode convert(
            Path file, Node node, String pointer, Map<String, Integer> lines, List<ConfigProblem> duplicates) {
        lines.put(pointer, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode mapping) {
            ObjectNode object = NODES.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
                String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                if (object.has(key)) {
                    duplicates.add(new ConfigProblem(
                            file,
                            tuple.getKeyNode().getStartMark().getLine() + 1,
                            displayPath(child),
                            "duplicate key '" + key + "'"));
                }
                object.set(key, convert(file, tuple.getValueNode(), child, lines, duplicates));
                // A nested mapping starts on the line after its key; point at the key, as editors do.
                lines.put(child, tuple.getKeyNode().getStartMark().getLine() + 1);
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                array.add(convert(file, items.get(i), pointer + "/" + i, lines, duplicates));
            }
            return array;
        }
        return scalar((ScalarNode) node);
    }

    private static JsonNode scalar(ScalarNode scalar) {
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return NODES.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            return NODES.booleanNode(value.equalsIgnoreCase("true"));
        }
        if (Tag.INT.equals(tag)) {
            try {
                return NODES.numberNode(new BigInteger(value.replace("_", "")));
            } catch (NumberFormatException e) {
                return NODES.textNode(value);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return NODES.numberNode(Double.parseDouble(value.replace("_", "")));
            } catch (NumberFormatException e) {
                return NODES.textNode(value);
            }
        }
        return NODES.textNode(value);
    }

    Path file() {
        return file;
    }

    JsonNode tree() {
        return tree;
    }

    /** The line of the node at this JSON pointer, or of its nearest ancestor that exists. */
    int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 1;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    ConfigProblem problem(String pointer, String message) {
        return new ConfigProblem(file, line(pointer), displayPath(pointer), message);
    }

    /** {@code /parties/1/adapter} becomes {@code parties[1].adapter}. */
    static String displayPath(String pointer) {
        StringBuilder display = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                display.append('[').append(name).append(']');
            } else {
                if (!display.isEmpty()) {
                    display.append('.');
                }
                display.append(name);
            }
        }
        return display.toString();
    }
}
