package nl.wams.adapters.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import nl.wams.adapters.AdapterRequest;

/**
 * The names of the peer protocol's JSON (inside the signed request and answer), written once.
 * Only {@link PeerRequest}, {@link PeerAnswer} and {@link PeerProvision} use them: both sides read and write those types.
 */
final class PeerWire {

    private PeerWire() {}

    // The request.
    static final String PURPOSE = "doel";
    static final String LEGAL_BASIS = "grondslag";
    static final String PHASE = "fase";
    static final String TRIGGER = "aanleiding";
    static final String CASE_REFERENCE = "zaakkenmerk";
    static final String CATEGORIES = "categorieen";
    static final String SUBJECTS = "personen";
    static final String BSN = "bsn";
    static final String ROLE = "rol";
    /** How long (ms) the requester waits for the answer; the provider sends no data after it. */
    static final String WAIT = "wachttijdMs";

    // The answer (and the request's motivation).
    static final String OUTCOME = "uitkomst";
    static final String GROUND = "grond";
    static final String MOTIVATION = "motivering";
    /** The signed path of a held request's status resource. */
    static final String STATUS = "status";

    static final String DATA = "gegevens";

    // A provision, an invitation or a contribution of the coordinated approach (PeerProvision).
    static final String KIND = "soort";
    static final String REFERENCE = "kenmerk";
    static final String MEETING = "overleg";
    static final String MEETING_DATE = "datum";
    static final String ORIGIN = "herkomst";
    static final String REMOVED = "verwijderdeVelden";

    static void writeSubjects(ArrayNode array, List<AdapterRequest.Subject> subjects) {
        subjects.forEach(s -> array.addObject().put(BSN, s.bsn()).put(ROLE, s.role()));
    }

    /** Subjects as {@link #writeSubjects} wrote them (no limits: the text was checked when it came in). */
    static List<AdapterRequest.Subject> readSubjects(JsonNode array) {
        List<AdapterRequest.Subject> subjects = new ArrayList<>();
        array.forEach(p -> subjects.add(
                new AdapterRequest.Subject(p.path(BSN).asText(), p.path(ROLE).asText())));
        return subjects;
    }
}
