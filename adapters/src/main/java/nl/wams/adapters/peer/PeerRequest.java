package nl.wams.adapters.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import nl.wams.adapters.AdapterRequest;

/**
 * The question one gateway asks another ({@code verzoek} inside the signed request): the purpose
 * and its context, the categories and the subjects. The requester writes it with {@link #toJson()};
 * the provider reads it with {@link #read}, with the same limits as the requester API, before
 * anything of it is stored or logged.
 *
 * @param trigger the trigger's name, or null (the provider reads that as a request for help)
 * @param waited how long the requester waits for the answer, when it says so; the provider sends
 *     no data after it
 */
public record PeerRequest(
        String purpose,
        String legalBasis,
        String phase,
        String trigger,
        String caseReference,
        String motivation,
        List<String> categories,
        List<AdapterRequest.Subject> subjects,
        Optional<Duration> waited) {

    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** The longest wait a requester may announce (ten minutes). */
    public static final long MAX_WAIT_MILLIS = 600_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    public PeerRequest {
        Objects.requireNonNull(purpose, "purpose");
        categories = List.copyOf(categories);
        subjects = List.copyOf(subjects);
        Objects.requireNonNull(waited, "waited");
    }

    /** The request for one party, as a requester's peer adapter asks it. */
    public static PeerRequest of(AdapterRequest request, Duration waited) {
        AdapterRequest.Context context = request.context();
        return new PeerRequest(
                request.purpose(),
                context == null ? null : context.legalBasis(),
                context == null ? null : context.phase(),
                context == null ? null : context.trigger(),
                context == null ? null : context.caseReference(),
                context == null ? null : context.motivation(),
                request.categories(),
                request.subjects(),
                Optional.of(waited));
    }

    /** The JSON inside the signed request. */
    public JsonNode toJson() {
        ObjectNode body = JSON.createObjectNode();
        body.put(PeerWire.PURPOSE, purpose);
        waited.ifPresent(w -> body.put(PeerWire.WAIT, w.toMillis()));
        putText(body, PeerWire.LEGAL_BASIS, legalBasis);
        putText(body, PeerWire.PHASE, phase);
        putText(body, PeerWire.TRIGGER, trigger);
        putText(body, PeerWire.CASE_REFERENCE, caseReference);
        putText(body, PeerWire.MOTIVATION, motivation);
        categories.forEach(body.putArray(PeerWire.CATEGORIES)::add);
        PeerWire.writeSubjects(body.putArray(PeerWire.SUBJECTS), subjects);
        return body;
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** The subjects as text, for a provider that keeps a held request (read back with {@link #subjects(String)}). */
    public static String subjectsText(List<AdapterRequest.Subject> subjects) {
        ArrayNode array = JSON.createArrayNode();
        PeerWire.writeSubjects(array, subjects);
        return array.toString();
    }

    /** Reads what {@link #subjectsText} wrote. */
    public static List<AdapterRequest.Subject> subjects(String text) {
        try {
            return PeerWire.readSubjects(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored subjects are not JSON", e);
        }
    }

    /** The named field is missing, too long or of the wrong shape; its value is never named. */
    public static final class InvalidField extends Exception {
        private final String field;

        InvalidField(String field) {
            super(field, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Reads a verified request: every text within its length and without control characters but
     * line breaks, at most 20 subjects and 20 categories, a trigger and roles the receiving
     * gateway knows, a wait of at most {@link #MAX_WAIT_MILLIS}.
     *
     * @param triggers the trigger names the receiving gateway knows
     * @param roles the subject roles the receiving gateway knows
     */
    public static PeerRequest read(JsonNode body, Set<String> triggers, Set<String> roles) throws InvalidField {
        String purpose = text(body, PeerWire.PURPOSE, 64, true);
        String legalBasis = text(body, PeerWire.LEGAL_BASIS, 64, false);
        String phase = text(body, PeerWire.PHASE, 32, false);
        String trigger = text(body, PeerWire.TRIGGER, 32, false);
        String caseReference = text(body, PeerWire.CASE_REFERENCE, 100, false);
        String motivation = text(body, PeerWire.MOTIVATION, 4000, false);
        if (trigger != null && !triggers.contains(trigger)) {
            throw new InvalidField(PeerWire.TRIGGER);
        }
        JsonNode people = body.get(PeerWire.SUBJECTS);
        if (people == null || !people.isArray() || people.isEmpty() || people.size() > 20) {
            throw new InvalidField(PeerWire.SUBJECTS);
        }
        List<AdapterRequest.Subject> subjects = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            JsonNode person = people.get(i);
            String bsn = text(person, PeerWire.BSN, 9, true);
            String role = text(person, PeerWire.ROLE, 16, true);
            if (!roles.contains(role)) {
                throw new InvalidField(PeerWire.SUBJECTS + "[" + i + "]." + PeerWire.ROLE);
            }
            subjects.add(new AdapterRequest.Subject(bsn, role));
        }
        JsonNode asked = body.get(PeerWire.CATEGORIES);
        if (asked == null || !asked.isArray() || asked.size() > 20) {
            throw new InvalidField(PeerWire.CATEGORIES);
        }
        List<String> categories = new ArrayList<>();
        for (int j = 0; j < asked.size(); j++) {
            JsonNode category = asked.get(j);
            if (!category.isTextual() || !CATEGORY.matcher(category.asText()).matches()) {
                throw new InvalidField(PeerWire.CATEGORIES + "[" + j + "]");
            }
            categories.add(category.asText());
        }
        JsonNode wait = body.get(PeerWire.WAIT);
        Optional<Duration> waited = Optional.empty();
        if (wait != null) {
            if (!wait.canConvertToLong()
                    || !wait.isIntegralNumber()
                    || wait.asLong() < 1
                    || wait.asLong() > MAX_WAIT_MILLIS) {
                throw new InvalidField(PeerWire.WAIT);
            }
            waited = Optional.of(Duration.ofMillis(wait.asLong()));
        }
        return new PeerRequest(
                purpose, legalBasis, phase, trigger, caseReference, motivation, categories, subjects, waited);
    }

    /** Text of at most {@code max} characters, without control characters but line breaks (also for {@link PeerProvision}). */
    static String text(JsonNode node, String field, int max, boolean required) throws InvalidField {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidField(field);
            }
            return null;
        }
        if (!value.isTextual()
                || value.asText().length() > max
                || value.asText().codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r')) {
            throw new InvalidField(field);
        }
        return value.asText();
    }
}
