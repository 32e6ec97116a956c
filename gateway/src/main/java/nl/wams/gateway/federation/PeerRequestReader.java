package nl.wams.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.wams.adapters.peer.PeerWire;
import nl.wams.gateway.request.DataRequest;

/**
 * Reads the request inside a verified peer message with the same limits as the requester API
 * (lengths, list sizes, known enumerations), before anything of it is stored or logged. A field
 * that breaks them is named, never its value.
 */
final class PeerRequestReader {

    private PeerRequestReader() {}

    /** The longest wait a requester may announce (ten minutes). */
    static final long MAX_WAIT_MILLIS = 600_000;

    /**
     * A peer request as this provider understands it.
     *
     * @param waited how long the requester waits for the answer, when it says so
     */
    record Read(DataRequest request, List<String> categories, Optional<Duration> waited) {}

    /** The named field is missing, too long or of the wrong shape. */
    static final class InvalidField extends Exception {
        private final String field;

        InvalidField(String field) {
            super(field, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    static Read read(JsonNode body) throws InvalidField {
        String purpose = text(body, PeerWire.PURPOSE, 64, true);
        String legalBasis = text(body, PeerWire.LEGAL_BASIS, 64, false);
        String phase = text(body, PeerWire.PHASE, 32, false);
        String trigger = text(body, PeerWire.TRIGGER, 32, false);
        String caseRef = text(body, PeerWire.CASE_REFERENCE, 100, false);
        String motivation = text(body, PeerWire.MOTIVATION, 4000, false);
        DataRequest.Trigger kind;
        try {
            kind = trigger == null ? DataRequest.Trigger.HULPVRAAG : DataRequest.Trigger.valueOf(trigger);
        } catch (IllegalArgumentException e) {
            throw new InvalidField(PeerWire.TRIGGER);
        }
        JsonNode people = body.get(PeerWire.SUBJECTS);
        if (people == null || !people.isArray() || people.isEmpty() || people.size() > 20) {
            throw new InvalidField(PeerWire.SUBJECTS);
        }
        List<DataRequest.Subject> subjects = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            JsonNode person = people.get(i);
            String bsn = text(person, PeerWire.BSN, 9, true);
            String role = text(person, PeerWire.ROLE, 16, true);
            try {
                subjects.add(new DataRequest.Subject(bsn, DataRequest.Role.valueOf(role)));
            } catch (IllegalArgumentException e) {
                throw new InvalidField("personen[" + i + "].rol");
            }
        }
        JsonNode asked = body.get(PeerWire.CATEGORIES);
        if (asked == null || !asked.isArray() || asked.size() > 20) {
            throw new InvalidField(PeerWire.CATEGORIES);
        }
        List<String> categories = new ArrayList<>();
        for (int j = 0; j < asked.size(); j++) {
            JsonNode category = asked.get(j);
            if (!category.isTextual() || !category.asText().matches("[a-z0-9][a-z0-9-]{0,63}")) {
                throw new InvalidField("categorieen[" + j + "]");
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
        return new Read(
                new DataRequest(purpose, legalBasis, phase, kind, caseRef, subjects, List.of(), motivation),
                categories,
                waited);
    }

    /** Text of at most {@code max} characters, without control characters but line breaks. */
    private static String text(JsonNode node, String field, int max, boolean required) throws InvalidField {
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
