package nl.wams.gateway.minimisation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random answers and random profiles, nothing outside the profile is ever released: every
 * released field has a rule, every released value is exactly that rule's transform of the
 * original, and removed names are paths, never values.
 */
class MinimisationPropertyTest {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> FIELDS = List.of("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7");
    static final List<String> MEMBERS = List.of("a", "b", "c");

    /** One generated case: an answer, a profile and the rules it was compiled from. */
    record Case(Map<String, JsonNode> answer, Map<FieldPath, Transform> rules) {
        @Override
        public String toString() {
            return "answer=" + answer + " rules=" + rules.keySet();
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.randomValue(MinimisationPropertyTest::generate);
    }

    @Property(tries = 2000)
    void nothingOutsideTheProfileIsEverReleased(@ForAll("cases") Case c) {
        List<String> removed = new ArrayList<>();
        Map<String, JsonNode> released =
                CategoryProfile.compile("cat", c.rules()).release(c.answer(), removed);

        for (Map.Entry<String, JsonNode> field : released.entrySet()) {
            JsonNode original = c.answer().get(field.getKey());
            Transform whole = rule(c, field.getKey());
            Transform elements = rule(c, field.getKey() + "[]");
            if (whole != null) {
                assertThat(Optional.of(field.getValue())).isEqualTo(whole.apply(original));
            } else if (elements != null) {
                List<JsonNode> expected = new ArrayList<>();
                original.forEach(e -> elements.apply(e).ifPresent(expected::add));
                assertThat(field.getValue()).containsExactlyElementsOf(expected);
            } else if (field.getValue().isArray()) {
                for (JsonNode element : field.getValue()) {
                    assertMembersAllowed(c, field.getKey() + "[].", element, allMembers(original));
                }
            } else {
                assertMembersAllowed(c, field.getKey() + ".", field.getValue(), List.of(original));
            }
        }
        assertThat(removed)
                .allSatisfy(name -> assertThat(FieldPath.isValid(name.substring("cat.".length())))
                        .as("removed name %s is a path", name)
                        .isTrue());
    }

    static void assertMembersAllowed(Case c, String prefix, JsonNode released, List<JsonNode> originals) {
        assertThat(released.isObject()).isTrue();
        released.fields().forEachRemaining(member -> {
            Transform transform = rule(c, prefix + member.getKey());
            assertThat(transform).as("rule for %s", prefix + member.getKey()).isNotNull();
            assertThat(originals.stream()
                            .filter(o -> o.isObject() && o.has(member.getKey()))
                            .map(o -> transform.apply(o.get(member.getKey())))
                            .anyMatch(v -> v.equals(Optional.of(member.getValue()))))
                    .as("%s is a transform of an original value", prefix + member.getKey())
                    .isTrue();
        });
    }

    static List<JsonNode> allMembers(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    static Transform rule(Case c, String path) {
        return c.rules().entrySet().stream()
                .filter(e -> e.getKey().text().equals(path))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    static Case generate(Random random) {
        Map<String, JsonNode> answer = new LinkedHashMap<>();
        Map<FieldPath, Transform> rules = new LinkedHashMap<>();
        for (String field : FIELDS) {
            if (random.nextInt(4) > 0) {
                answer.put(field, value(random, 2));
            }
            switch (random.nextInt(5)) {
                case 1 -> rules.put(FieldPath.parse(field), transform(random));
                case 2 -> members(random).forEach(m -> rules.put(FieldPath.parse(field + "." + m), transform(random)));
                case 3 -> rules.put(FieldPath.parse(field + "[]"), transform(random));
                case 4 ->
                    members(random).forEach(m -> rules.put(FieldPath.parse(field + "[]." + m), transform(random)));
                default -> {} // not allowed at all
            }
        }
        return new Case(answer, rules);
    }

    static List<String> members(Random random) {
        List<String> chosen = new ArrayList<>();
        MEMBERS.forEach(m -> {
            if (random.nextBoolean()) {
                chosen.add(m);
            }
        });
        return chosen.isEmpty() ? List.of("a") : chosen;
    }

    static Transform transform(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> new Transform.Keep();
            case 1 -> new Transform.YearOnly();
            case 2 -> new Transform.PresenceOnly();
            case 3 -> new Transform.CountOnly();
            case 4 -> new Transform.Mask(random.nextInt(4));
            case 5 -> new Transform.Truncate(1 + random.nextInt(6));
            default ->
                new Transform.Coarse(
                        "t",
                        Map.of("x", "klasse-x", "2025-01-01", "klasse-datum"),
                        random.nextBoolean() ? "overig" : null);
        };
    }

    static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 6);
        return switch (kind) {
            case 0 -> NODES.textNode("geheim-" + random.nextInt(1000));
            case 1 -> NODES.numberNode(random.nextInt(100_000));
            case 2 ->
                NODES.textNode(
                        "20" + (10 + random.nextInt(20)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.textNode(random.nextBoolean() ? "x" : "");
            case 6, 7 -> {
                ObjectNode object = NODES.objectNode();
                for (String m : List.of("a", "b", "c", "d")) {
                    if (random.nextBoolean()) {
                        object.set(m, value(random, depth - 1));
                    }
                }
                yield object;
            }
            default -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(random, depth - 1));
                }
                yield array;
            }
        };
    }
}
