package nl.wams.adapters.peer;

import java.util.Arrays;
import java.util.Optional;

/**
 * The names of the peer protocol's JSON (inside the signed request and answer), written once and
 * used by both sides: the requester's peer adapter and the provider that answers it.
 */
public final class PeerWire {

    private PeerWire() {}

    // The request.
    public static final String PURPOSE = "doel";
    public static final String LEGAL_BASIS = "grondslag";
    public static final String PHASE = "fase";
    public static final String TRIGGER = "aanleiding";
    public static final String CASE_REFERENCE = "zaakkenmerk";
    public static final String CATEGORIES = "categorieen";
    public static final String SUBJECTS = "personen";
    public static final String BSN = "bsn";
    public static final String ROLE = "rol";
    /** How long (ms) the requester waits for the answer; the provider sends no data after it. */
    public static final String WAIT = "wachttijdMs";

    // The answer (and the request's motivation).
    public static final String OUTCOME = "uitkomst";
    public static final String GROUND = "grond";
    public static final String MOTIVATION = "motivering";
    /** The signed path of a held request's status resource. */
    public static final String STATUS = "status";

    public static final String DATA = "gegevens";
    public static final String REMOVED = "verwijderdeVelden";

    /** What a provider answered, as the answer's {@code uitkomst} names it. */
    public enum Outcome {
        VERSTREKT,
        GEDEELTELIJK_VERSTREKT,
        GEWEIGERD,
        NIET_BEKEND,
        IN_BEHANDELING,
        NIET_BEANTWOORD;

        public static Optional<Outcome> parse(String text) {
            return Arrays.stream(values()).filter(o -> o.name().equals(text)).findFirst();
        }
    }
}
