package nl.wams.gateway.minimisation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.gateway.request.Outcome;
import nl.wams.gateway.request.PartyResult;

/**
 * Applies the profile of (purpose, category) to every released answer. Default deny: a category
 * without a profile releases nothing; a field without a rule is removed. Removed names (never
 * values) are reported and turn {@code VERSTREKT} into {@code GEDEELTELIJK_VERSTREKT}.
 */
public final class MinimisationFilter {

    /** No profile at all: everything is removed. */
    public static final MinimisationFilter NOTHING = new MinimisationFilter(Map.of());

    private final Map<String, Map<String, CategoryProfile>> profiles;

    public MinimisationFilter(Map<String, Map<String, CategoryProfile>> profiles) {
        this.profiles = Map.copyOf(profiles);
    }

    /**
     * Compiles the configuration's {@code minimisation} section: purpose -> category -> path ->
     * transform spec. IllegalArgumentException on anything invalid (the configuration check
     * reports those with their lines first).
     */
    public static MinimisationFilter compile(
            Map<String, Map<String, Map<String, JsonNode>>> spec, Map<String, CoarseTable> tables) {
        Map<String, Map<String, CategoryProfile>> profiles = new LinkedHashMap<>();
        spec.forEach((purpose, categories) -> categories.forEach((category, fields) -> {
            Map<FieldPath, Transform> rules = new LinkedHashMap<>();
            fields.forEach(
                    (path, transform) -> rules.put(FieldPath.parse(path), TransformSpec.parse(transform, tables)));
            profiles.computeIfAbsent(purpose, p -> new LinkedHashMap<>())
                    .put(category, CategoryProfile.compile(category, rules));
        }));
        return new MinimisationFilter(profiles);
    }

    public Optional<CategoryProfile> profile(String purpose, String category) {
        return Optional.ofNullable(profiles.getOrDefault(purpose, Map.of()).get(category));
    }

    /** What may leave for this purpose and category, and which names were removed. */
    public Released release(String purpose, String category, Map<String, JsonNode> fields) {
        Set<String> removed = new LinkedHashSet<>();
        Optional<CategoryProfile> profile = profile(purpose, category);
        if (profile.isEmpty()) {
            fields.keySet().forEach(f -> removed.add(category + "." + f));
            return new Released(Map.of(), List.copyOf(removed));
        }
        Map<String, JsonNode> released = profile.get().release(fields, removed);
        return new Released(released, List.copyOf(removed));
    }

    /** The party's result with every subject's data minimised; other outcomes pass unchanged. */
    public PartyResult release(String purpose, PartyResult result) {
        if (result.subjects().isEmpty()) {
            return result;
        }
        Set<String> removed = new LinkedHashSet<>(result.removedFields());
        List<PartyResult.SubjectData> subjects = new ArrayList<>();
        for (PartyResult.SubjectData subject : result.subjects()) {
            Map<String, Map<String, JsonNode>> categories = new LinkedHashMap<>();
            subject.categories().forEach((category, fields) -> {
                Released released = release(purpose, category, fields);
                removed.addAll(released.removed());
                categories.put(category, released.fields());
            });
            subjects.add(new PartyResult.SubjectData(subject.subject(), categories));
        }
        Outcome outcome = !removed.isEmpty() && result.outcome() == Outcome.VERSTREKT
                ? Outcome.GEDEELTELIJK_VERSTREKT
                : result.outcome();
        return new PartyResult(
                result.party(),
                result.partyName(),
                outcome,
                result.ground(),
                result.motivation(),
                result.explanation(),
                List.copyOf(removed),
                subjects);
    }

    /**
     * Data about people as it may leave for this purpose (a provider's answer, a provision or a
     * contribution of the coordinated approach), with the names of what was removed.
     */
    public People release(String purpose, List<PeerAnswer.Person> people) {
        Set<String> removed = new LinkedHashSet<>();
        List<PeerAnswer.Person> released = new ArrayList<>();
        for (PeerAnswer.Person person : people) {
            Map<String, Map<String, JsonNode>> data = new LinkedHashMap<>();
            person.data().forEach((category, fields) -> {
                Released r = release(purpose, category, fields);
                removed.addAll(r.removed());
                data.put(category, r.fields());
            });
            released.add(new PeerAnswer.Person(person.bsn(), data));
        }
        return new People(released, List.copyOf(removed));
    }

    /** People's released data and the names of what was removed. */
    public record People(List<PeerAnswer.Person> people, List<String> removed) {
        public People {
            people = List.copyOf(people);
            removed = List.copyOf(removed);
        }

        /** True when no field of anyone passed. */
        public boolean empty() {
            return people.stream().allMatch(p -> p.data().values().stream().allMatch(Map::isEmpty));
        }
    }

    /** Released fields and the names of what was removed. */
    public record Released(Map<String, JsonNode> fields, List<String> removed) {
        public Released {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            removed = List.copyOf(removed);
        }
    }
}
