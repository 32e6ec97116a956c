package nl.wams.adapters.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A message of the coordinated approach ({@code verstrekking} inside a signed message): the
 * college provides data to a party ({@link Kind#VERSTREKKING}), invites a party to a case meeting
 * ({@link Kind#UITNODIGING}), or a party contributes to a meeting ({@link Kind#BIJDRAGE}; the
 * college forwards it to the other participants with the contributor as {@code origin}), or the
 * college's reporting point routes a signal to a desk ({@link Kind#MELDING}). The
 * sender writes it with {@link #toJson()}; the receiver reads it with {@link #read} after the
 * signature is verified, with fixed limits, before anything of it is stored or logged.
 *
 * @param reference the sender's id of this message (the receiver answers status questions by it)
 * @param meeting the case meeting's id (invitation and contribution), or null
 * @param meetingDate the meeting's date (ISO-8601), or null
 * @param origin the OIN of the party that contributed, when the college forwards a contribution
 * @param reason why (the coordinator's stated reason, the professional's motivation)
 * @param categories the categories the message is about (an invitation: those the college asks to consider)
 * @param subjects the people, with data for a provision or contribution (empty maps in an invitation)
 * @param removed the names of fields the sender's outbound profile removed
 */
public record PeerProvision(
        Kind kind,
        String reference,
        String caseReference,
        String purpose,
        String legalBasis,
        String meeting,
        String meetingDate,
        String origin,
        String reason,
        List<String> categories,
        List<PeerAnswer.Person> subjects,
        List<String> removed) {

    /** What the message is. */
    public enum Kind {
        VERSTREKKING,
        UITNODIGING,
        BIJDRAGE,
        /**
         * The college's reporting point routes a signal to a desk: one person (the BSN only when
         * the reporter knew it), the desk's fields under category {@code melding}.
         */
        MELDING;

        /** Whether the message belongs to a case meeting (and so names it). */
        boolean ofMeeting() {
            return this == UITNODIGING || this == BIJDRAGE;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
    private static final Pattern REMOVED = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.([A-Za-z0-9\\[\\].]{1,128}|\\*)");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern OIN = Pattern.compile("[0-9]{20}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9:.]{5,12}Z?)?");
    private static final Pattern BSN = Pattern.compile("[0-9]{9}");
    /** The largest text value a field may hold. */
    public static final int MAX_VALUE = 2000;

    public PeerProvision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(caseReference, "caseReference");
        Objects.requireNonNull(purpose, "purpose");
        categories = List.copyOf(categories);
        subjects = List.copyOf(subjects);
        removed = List.copyOf(removed);
    }

    /** The JSON inside the signed message. */
    public JsonNode toJson() {
        ObjectNode body = JSON.createObjectNode();
        body.put(PeerWire.KIND, kind.name());
        body.put(PeerWire.REFERENCE, reference);
        body.put(PeerWire.CASE_REFERENCE, caseReference);
        body.put(PeerWire.PURPOSE, purpose);
        put(body, PeerWire.LEGAL_BASIS, legalBasis);
        put(body, PeerWire.MEETING, meeting);
        put(body, PeerWire.MEETING_DATE, meetingDate);
        put(body, PeerWire.ORIGIN, origin);
        put(body, PeerWire.MOTIVATION, reason);
        categories.forEach(body.putArray(PeerWire.CATEGORIES)::add);
        ArrayNode people = body.putArray(PeerWire.SUBJECTS);
        for (PeerAnswer.Person person : subjects) {
            ObjectNode entry = people.addObject();
            put(entry, PeerWire.BSN, person.bsn());
            ObjectNode data = entry.putObject(PeerWire.DATA);
            person.data().forEach((category, fields) -> fields.forEach(data.putObject(category)::set));
        }
        removed.forEach(body.putArray(PeerWire.REMOVED)::add);
        return body;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** The categories that carry data (for some subject). */
    public List<String> dataCategories() {
        List<String> names = new ArrayList<>();
        subjects.forEach(
                p -> p.data().keySet().stream().filter(c -> !names.contains(c)).forEach(names::add));
        return names;
    }

    /**
     * Reads a verified message: a known kind, ids and names of their shape, at most 20 subjects
     * with a 9-digit BSN (a signal's person may have none), 20 categories of 50 fields each, text within its length and without
     * control characters but line breaks. Whether categories and fields exist is the receiver's
     * catalogue's question.
     */
    public static PeerProvision read(JsonNode body) throws PeerRequest.InvalidField {
        Kind kind = kind(body);
        String reference = matching(body, PeerWire.REFERENCE, ID, true);
        String caseReference = PeerRequest.text(body, PeerWire.CASE_REFERENCE, 100, true);
        String purpose = matching(body, PeerWire.PURPOSE, NAME, true);
        String legalBasis = PeerRequest.text(body, PeerWire.LEGAL_BASIS, 64, false);
        String meeting = matching(body, PeerWire.MEETING, ID, kind.ofMeeting());
        String meetingDate = matching(body, PeerWire.MEETING_DATE, DATE, false);
        String origin = matching(body, PeerWire.ORIGIN, OIN, false);
        String reason = PeerRequest.text(body, PeerWire.MOTIVATION, 4000, false);
        List<String> categories = new ArrayList<>();
        JsonNode asked = body.path(PeerWire.CATEGORIES);
        if (!asked.isMissingNode() && (!asked.isArray() || asked.size() > 20)) {
            throw new PeerRequest.InvalidField(PeerWire.CATEGORIES);
        }
        for (int i = 0; i < asked.size(); i++) {
            JsonNode c = asked.get(i);
            if (!c.isTextual() || !NAME.matcher(c.asText()).matches()) {
                throw new PeerRequest.InvalidField(PeerWire.CATEGORIES + "[" + i + "]");
            }
            categories.add(c.asText());
        }
        JsonNode people = body.get(PeerWire.SUBJECTS);
        if (people == null || !people.isArray() || people.isEmpty() || people.size() > 20) {
            throw new PeerRequest.InvalidField(PeerWire.SUBJECTS);
        }
        List<PeerAnswer.Person> subjects = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            subjects.add(person(people.get(i), PeerWire.SUBJECTS + "[" + i + "]", kind != Kind.MELDING));
        }
        List<String> removed = new ArrayList<>();
        JsonNode names = body.path(PeerWire.REMOVED);
        if (!names.isMissingNode() && (!names.isArray() || names.size() > 200)) {
            throw new PeerRequest.InvalidField(PeerWire.REMOVED);
        }
        for (JsonNode n : names) {
            if (!n.isTextual() || !REMOVED.matcher(n.asText()).matches()) {
                throw new PeerRequest.InvalidField(PeerWire.REMOVED);
            }
            removed.add(n.asText());
        }
        return new PeerProvision(
                kind,
                reference,
                caseReference,
                purpose,
                legalBasis,
                meeting,
                meetingDate,
                origin,
                reason,
                categories,
                subjects,
                removed);
    }

    private static Kind kind(JsonNode body) throws PeerRequest.InvalidField {
        JsonNode node = body.get(PeerWire.KIND);
        if (node != null && node.isTextual()) {
            for (Kind k : Kind.values()) {
                if (k.name().equals(node.asText())) {
                    return k;
                }
            }
        }
        throw new PeerRequest.InvalidField(PeerWire.KIND);
    }

    private static PeerAnswer.Person person(JsonNode person, String path, boolean bsnRequired)
            throws PeerRequest.InvalidField {
        String bsn = matching(person, PeerWire.BSN, BSN, bsnRequired);
        JsonNode data = person.path(PeerWire.DATA);
        if (!data.isMissingNode() && (!data.isObject() || data.size() > 20)) {
            throw new PeerRequest.InvalidField(path + "." + PeerWire.DATA);
        }
        Map<String, Map<String, JsonNode>> categories = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> category = it.next();
            String where = path + "." + PeerWire.DATA + "." + category.getKey();
            if (!NAME.matcher(category.getKey()).matches()
                    || !category.getValue().isObject()
                    || category.getValue().size() > 50) {
                throw new PeerRequest.InvalidField(path + "." + PeerWire.DATA);
            }
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> f = category.getValue().fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> field = f.next();
                if (!FIELD.matcher(field.getKey()).matches() || !plain(field.getValue())) {
                    throw new PeerRequest.InvalidField(where);
                }
                fields.put(field.getKey(), field.getValue());
            }
            categories.put(category.getKey(), fields);
        }
        return new PeerAnswer.Person(bsn, categories);
    }

    /**
     * A value of at most four times {@link #MAX_VALUE} characters as JSON, every text in it (at any
     * depth) at most {@link #MAX_VALUE} characters without control characters but line breaks.
     */
    private static boolean plain(JsonNode value) {
        return value.toString().length() <= 4 * MAX_VALUE && plainTexts(value);
    }

    private static boolean plainTexts(JsonNode value) {
        if (value.isTextual()) {
            return value.asText().length() <= MAX_VALUE
                    && value.asText().codePoints().noneMatch(c -> Character.isISOControl(c) && c != '\n');
        }
        for (JsonNode element : value) {
            if (!plainTexts(element)) {
                return false;
            }
        }
        return true;
    }

    private static String matching(JsonNode node, String field, Pattern pattern, boolean required)
            throws PeerRequest.InvalidField {
        String value = PeerRequest.text(node, field, 128, required);
        if (value != null && !pattern.matcher(value).matches()) {
            throw new PeerRequest.InvalidField(field);
        }
        return value;
    }

    @Override
    public String toString() {
        return "PeerProvision[kind=" + kind + ", reference=" + reference + ", subjects=" + subjects.size() + "]";
    }
}
