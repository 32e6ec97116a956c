package nl.wams.adapters.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.wams.adapters.RefusalGround;

/**
 * What a provider answers ({@code antwoord} inside the signed answer). The provider builds it with
 * the factories and signs {@link #toJson()}; the requester reads it with {@link #read} after the
 * signature is verified, and checks the content against what it asked.
 *
 * @param ground the refusal ground, only with {@link Outcome#GEWEIGERD}
 * @param motivation the refusal's or non-answer's motivation, or null
 * @param status the signed path of a held request's status resource, only with {@link Outcome#IN_BEHANDELING}
 * @param heldCategories the categories a professional reviews, only with {@link Outcome#IN_BEHANDELING}
 * @param subjects the released data per subject
 * @param removed the names of what was not released ({@code category.field} or {@code category.*})
 */
public record PeerAnswer(
        Outcome outcome,
        RefusalGround ground,
        String motivation,
        String status,
        List<String> heldCategories,
        List<Person> subjects,
        List<String> removed) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a provider answered, as the answer's {@code uitkomst} names it. */
    public enum Outcome {
        VERSTREKT,
        GEDEELTELIJK_VERSTREKT,
        GEWEIGERD,
        NIET_BEKEND,
        IN_BEHANDELING,
        NIET_BEANTWOORD
    }

    /** The data released about one subject: category, field, value (values as the source typed them). */
    public record Person(String bsn, Map<String, Map<String, JsonNode>> data) {
        public Person {
            Map<String, Map<String, JsonNode>> copy = new LinkedHashMap<>();
            data.forEach(
                    (category, fields) -> copy.put(category, Collections.unmodifiableMap(new LinkedHashMap<>(fields))));
            data = Collections.unmodifiableMap(copy);
        }

        /** Never print the BSN (nor the data). */
        @Override
        public String toString() {
            return "Person[categories=" + data.keySet() + "]";
        }
    }

    public PeerAnswer {
        Objects.requireNonNull(outcome, "outcome");
        heldCategories = List.copyOf(heldCategories);
        subjects = List.copyOf(subjects);
        removed = List.copyOf(removed);
    }

    /** Released data; partly released when anything was removed. */
    public static PeerAnswer released(List<Person> subjects, List<String> removed) {
        return new PeerAnswer(
                removed.isEmpty() ? Outcome.VERSTREKT : Outcome.GEDEELTELIJK_VERSTREKT,
                null,
                null,
                null,
                List.of(),
                subjects,
                removed);
    }

    public static PeerAnswer refused(RefusalGround ground, String motivation) {
        return new PeerAnswer(
                Outcome.GEWEIGERD, Objects.requireNonNull(ground), motivation, null, List.of(), List.of(), List.of());
    }

    public static PeerAnswer notKnown() {
        return new PeerAnswer(Outcome.NIET_BEKEND, null, null, null, List.of(), List.of(), List.of());
    }

    /** Held for a professional's review; the final answer is at {@code statusPath}. */
    public static PeerAnswer held(String statusPath, List<String> reviewed) {
        return new PeerAnswer(Outcome.IN_BEHANDELING, null, null, statusPath, reviewed, List.of(), List.of());
    }

    public static PeerAnswer notAnswered(String motivation) {
        return new PeerAnswer(Outcome.NIET_BEANTWOORD, null, motivation, null, List.of(), List.of(), List.of());
    }

    /** The categories this answer releases data of (for some subject). */
    public List<String> releasedCategories() {
        Set<String> categories = new LinkedHashSet<>();
        subjects.forEach(p -> categories.addAll(p.data().keySet()));
        return List.copyOf(categories);
    }

    /** The JSON inside the signed answer. */
    public JsonNode toJson() {
        ObjectNode answer = JSON.createObjectNode().put(PeerWire.OUTCOME, outcome.name());
        switch (outcome) {
            case GEWEIGERD -> answer.put(PeerWire.GROUND, ground.name()).put(PeerWire.MOTIVATION, motivation);
            case NIET_BEANTWOORD -> answer.put(PeerWire.MOTIVATION, motivation);
            case IN_BEHANDELING -> {
                answer.put(PeerWire.STATUS, status);
                heldCategories.forEach(answer.putArray(PeerWire.CATEGORIES)::add);
            }
            case VERSTREKT, GEDEELTELIJK_VERSTREKT -> {
                ArrayNode people = answer.putArray(PeerWire.SUBJECTS);
                for (Person person : subjects) {
                    ObjectNode data =
                            people.addObject().put(PeerWire.BSN, person.bsn()).putObject(PeerWire.DATA);
                    person.data().forEach((category, fields) -> fields.forEach(data.putObject(category)::set));
                }
                removed.forEach(answer.putArray(PeerWire.REMOVED)::add);
            }
            case NIET_BEKEND -> {}
        }
        return answer;
    }

    /** The answer cannot be read as the protocol says; the message names what, never a value. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads a verified answer: a known outcome, and a known ground with a refusal. Whether the
     * content is what was asked (subjects, categories, fields, the status path) is for the
     * requester to check.
     */
    public static PeerAnswer read(JsonNode answer) throws Unreadable {
        JsonNode outcomeNode = answer.get(PeerWire.OUTCOME);
        String outcomeName = outcomeNode != null && outcomeNode.isTextual() ? outcomeNode.asText() : "";
        Outcome outcome = Arrays.stream(Outcome.values())
                .filter(o -> o.name().equals(outcomeName))
                .findFirst()
                .orElseThrow(() -> new Unreadable("unknown outcome"));
        RefusalGround ground = null;
        if (outcome == Outcome.GEWEIGERD) {
            ground = RefusalGround.parse(answer.path(PeerWire.GROUND).asText())
                    .orElseThrow(() -> new Unreadable("unknown refusal ground"));
        }
        JsonNode motivation = answer.get(PeerWire.MOTIVATION);
        JsonNode status = answer.get(PeerWire.STATUS);
        List<String> held = new ArrayList<>();
        answer.path(PeerWire.CATEGORIES).forEach(n -> held.add(n.asText()));
        List<Person> subjects = new ArrayList<>();
        for (JsonNode person : answer.path(PeerWire.SUBJECTS)) {
            Map<String, Map<String, JsonNode>> categories = new LinkedHashMap<>();
            for (var category = person.path(PeerWire.DATA).fields(); category.hasNext(); ) {
                var entry = category.next();
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                entry.getValue().fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue()));
                categories.put(entry.getKey(), fields);
            }
            subjects.add(new Person(person.path(PeerWire.BSN).asText(), categories));
        }
        List<String> removed = new ArrayList<>();
        answer.path(PeerWire.REMOVED).forEach(n -> removed.add(n.asText()));
        return new PeerAnswer(
                outcome,
                ground,
                motivation == null || motivation.isNull() ? null : motivation.asText(),
                status != null && status.isTextual() ? status.asText() : null,
                held,
                subjects,
                removed);
    }

    @Override
    public String toString() {
        return "PeerAnswer[outcome=" + outcome + ", subjects=" + subjects.size() + "]";
    }
}
