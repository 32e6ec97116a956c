package nl.wams.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.PartyAdapter;
import nl.wams.adapters.peer.PeerWire;
import nl.wams.gateway.minimisation.MinimisationFilter;

/**
 * Provider role: the answers a provider gives, before they are signed. Data comes from the
 * provider's own backend and is minimised at the source with its own profiles; categories it may
 * not release are named as removed, never shown. Also reads back what an answer released, for
 * the provider's own log.
 */
final class ProviderAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The provider's own marker (never sent): its backend did not answer. */
    static final String BACKEND_UNREACHABLE = "NIET_BEREIKBAAR";

    private final PartyAdapter backend;
    private final MinimisationFilter minimisation;

    ProviderAnswers(PartyAdapter backend, MinimisationFilter minimisation) {
        this.backend = backend;
        this.minimisation = minimisation;
    }

    /** Fetches and minimises the categories that may be released; the rest is named as removed. */
    ObjectNode fromBackend(
            String purpose,
            List<String> automatic,
            List<String> never,
            List<AdapterRequest.Subject> subjects,
            String transactionId) {
        if (automatic.isEmpty()) {
            return refusal("GEEN_GRONDSLAG", "Geen grondslag om " + never + " te verstrekken.");
        }
        AdapterResult result = backend.fetch(new AdapterRequest(transactionId, purpose, subjects, automatic));
        if (result instanceof AdapterResult.Answered answered) {
            return released(purpose, answered, never);
        }
        if (result instanceof AdapterResult.NotKnown) {
            return JSON.createObjectNode().put(PeerWire.OUTCOME, PeerWire.Outcome.NIET_BEKEND.name());
        }
        if (result instanceof AdapterResult.Refused refused) {
            return refusal(refused.ground().name(), refused.motivation());
        }
        return JSON.createObjectNode().put(PeerWire.OUTCOME, BACKEND_UNREACHABLE);
    }

    /** Minimised at the source with this provider's own profiles; removals are named, never shown. */
    private ObjectNode released(String purpose, AdapterResult.Answered answered, List<String> never) {
        Set<String> removed = new LinkedHashSet<>();
        never.forEach(c -> removed.add(c + ".*"));
        ArrayNode people = JSON.createArrayNode();
        for (AdapterResult.SubjectData subject : answered.subjects()) {
            ObjectNode person = people.addObject().put(PeerWire.BSN, subject.bsn());
            ObjectNode data = person.putObject(PeerWire.DATA);
            subject.categories().forEach((category, fields) -> {
                MinimisationFilter.Released released = minimisation.release(purpose, category, fields);
                removed.addAll(released.removed());
                ObjectNode out = data.putObject(category);
                released.fields().forEach(out::set);
            });
        }
        ObjectNode answer = JSON.createObjectNode()
                .put(
                        PeerWire.OUTCOME,
                        (removed.isEmpty() ? PeerWire.Outcome.VERSTREKT : PeerWire.Outcome.GEDEELTELIJK_VERSTREKT)
                                .name());
        answer.set(PeerWire.SUBJECTS, people);
        answer.putArray(PeerWire.REMOVED)
                .addAll(removed.stream().map(JSON.getNodeFactory()::textNode).toList());
        return answer;
    }

    static ObjectNode refusal(String ground, String motivation) {
        return JSON.createObjectNode()
                .put(PeerWire.OUTCOME, PeerWire.Outcome.GEWEIGERD.name())
                .put(PeerWire.GROUND, ground)
                .put(PeerWire.MOTIVATION, motivation);
    }

    /** The categories an answer released (those with data for some subject). */
    static List<String> releasedCategories(JsonNode answer) {
        Set<String> categories = new LinkedHashSet<>();
        answer.path(PeerWire.SUBJECTS)
                .forEach(p -> p.path(PeerWire.DATA).fieldNames().forEachRemaining(categories::add));
        return List.copyOf(categories);
    }

    /** The names an answer says were removed. */
    static List<String> removed(JsonNode answer) {
        List<String> values = new ArrayList<>();
        answer.path(PeerWire.REMOVED).forEach(n -> values.add(n.asText()));
        return values;
    }

    /** A text member of a request or answer, or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
