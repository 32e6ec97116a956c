package nl.wams.gateway.minimisation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The compiled profile of one (purpose, category): a tree of allowed paths with a transform at
 * each leaf. Whatever the tree does not reach is removed and its name reported.
 */
public final class CategoryProfile {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String category;
    private final Map<FieldPath, Transform> rules;
    private final Node root = new Node();

    private CategoryProfile(String category, Map<FieldPath, Transform> rules) {
        this.category = category;
        this.rules = rules;
    }

    /** Compiles the rules; IllegalArgumentException when two paths overlap (e.g. {@code a} and {@code a.b}). */
    public static CategoryProfile compile(String category, Map<FieldPath, Transform> rules) {
        CategoryProfile profile =
                new CategoryProfile(category, Collections.unmodifiableMap(new LinkedHashMap<>(rules)));
        rules.forEach(profile::add);
        return profile;
    }

    public String category() {
        return category;
    }

    /** The allowed paths and their transforms, in configuration order. */
    public Map<FieldPath, Transform> rules() {
        return rules;
    }

    /** The released fields; every removed path is added to {@code removed} as {@code category.path}. */
    public Map<String, JsonNode> release(Map<String, JsonNode> fields, Collection<String> removed) {
        Map<String, JsonNode> released = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
            String path = category + "." + field.getKey();
            Node node = root.members.get(field.getKey());
            if (node == null) {
                removed.add(path);
                continue;
            }
            release(node, field.getValue(), path, removed).ifPresent(v -> released.put(field.getKey(), v));
        }
        return released;
    }

    private static Optional<JsonNode> release(Node node, JsonNode value, String path, Collection<String> removed) {
        if (node.transform != null) {
            Optional<JsonNode> result = node.transform.apply(value);
            if (result.isEmpty()) {
                removed.add(path);
            }
            return result;
        }
        if (node.elements != null) {
            if (value == null || !value.isArray()) {
                removed.add(path);
                return Optional.empty();
            }
            ArrayNode out = NODES.arrayNode(value.size());
            for (JsonNode element : value) {
                release(node.elements, element, path + "[]", removed).ifPresent(out::add);
            }
            return Optional.of(out);
        }
        if (value == null || !value.isObject()) {
            removed.add(path);
            return Optional.empty();
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String memberPath = path + "." + member.getKey();
            Node child = node.members.get(member.getKey());
            if (child == null) {
                removed.add(memberPath);
            } else {
                release(child, member.getValue(), memberPath, removed).ifPresent(v -> out.set(member.getKey(), v));
            }
        }
        return Optional.of(out);
    }

    private void add(FieldPath path, Transform transform) {
        Node node = root;
        for (FieldPath.Step step : path.steps()) {
            if (node.transform != null || node.elements != null) {
                throw conflict(path);
            }
            node = node.members.computeIfAbsent(step.name(), n -> new Node());
            if (step.elements()) {
                if (node.transform != null || !node.members.isEmpty()) {
                    throw conflict(path);
                }
                node.elements = node.elements == null ? new Node() : node.elements;
                node = node.elements;
            }
        }
        if (node.transform != null || !node.members.isEmpty() || node.elements != null) {
            throw conflict(path);
        }
        node.transform = transform;
    }

    private static IllegalArgumentException conflict(FieldPath path) {
        return new IllegalArgumentException("path '" + path.text() + "' overlaps another path of the same profile");
    }

    /** A point in the tree: a leaf with a transform, an object with allowed members, or a list. */
    private static final class Node {
        private Transform transform;
        private final Map<String, Node> members = new LinkedHashMap<>();
        private Node elements;
    }
}
