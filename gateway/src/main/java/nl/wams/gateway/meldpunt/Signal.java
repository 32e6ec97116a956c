package nl.wams.gateway.meldpunt;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A signal to the reporting point: what the reporter wrote (sealed), the assessment and the
 * closing, and the plain facts the queue needs.
 *
 * @param personKey the pseudonym of the person's BSN, or the key staff linked the signal to; null when unknown
 * @param caseReference the case of the coordinated approach staff linked the signal to, or null
 * @param firstContactBy the deadline for first contact
 */
public record Signal(
        String reference,
        Details details,
        Status status,
        Channel channel,
        String personKey,
        String caseReference,
        Instant receivedAt,
        Instant firstContactBy,
        Instant routedAt,
        Instant closedAt,
        Instant deleteAfter) {

    /** Where a signal stands; the reporter sees this and nothing else. */
    public enum Status {
        ONTVANGEN("ontvangen"),
        IN_BEOORDELING("in beoordeling"),
        DOORGELEID("doorgeleid"),
        GESLOTEN("afgesloten");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        /** The status in the reporter's words. */
        public String text() {
            return text;
        }

        /** Whether staff can still assess, link, route or close it. */
        public boolean open() {
            return this != GESLOTEN;
        }
    }

    /** Who reported: a citizen through the public form or API, or a professional after logging in. */
    public enum Channel {
        BURGER,
        PROFESSIONAL;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Everything sealed about a signal. */
    public record Details(Submission submission, Assessment assessment, Closure closure) {
        Details with(Assessment next) {
            return new Details(submission, next, closure);
        }

        Details with(Closure next) {
            return new Details(submission, assessment, next);
        }
    }

    /** The urgency staff gives a signal. */
    public enum Urgency {
        LAAG,
        MIDDEL,
        HOOG
    }

    /** The life domains a signal may concern (the Wams names health, wellbeing, self-reliance, participation). */
    public enum LifeDomain {
        GEZONDHEID,
        WELZIJN,
        ZELFREDZAAMHEID,
        PARTICIPATIE,
        WONEN,
        FINANCIEN,
        VEILIGHEID
    }

    /**
     * Staff's assessment.
     *
     * @param moreNeeded more information is needed before deciding
     * @param note a note for the file and, when a desk's profile allows it, for the desk
     */
    public record Assessment(
            Urgency urgency, List<LifeDomain> domains, boolean moreNeeded, String note, String by, Instant at) {
        public Assessment {
            domains = List.copyOf(domains);
        }
    }

    /** Why a signal was closed without (further) routing. */
    public enum CloseReason {
        /** The concern did not call for action. */
        GEEN_ACTIE_NODIG,
        /** The person already gets the help the signal asks for. */
        AL_IN_BEELD,
        /** The reporting point itself dealt with it (advice to the reporter, information). */
        AFGEHANDELD_DOOR_MELDPUNT,
        /** Routed, and nothing more for the reporting point to do. */
        DOORGELEID_AFGEROND,
        /** Another reason, in the note. */
        ANDERS
    }

    /** How a signal was closed. */
    public record Closure(CloseReason reason, String note, String by, Instant at) {}

    /** One line of the worklist: only the plain columns, nothing unsealed. */
    public record Summary(
            String reference,
            Status status,
            Channel channel,
            Instant receivedAt,
            Instant firstContactBy,
            int earlierAboutPerson,
            boolean linkedToCase) {
        public boolean overdue(Instant now) {
            return status == Status.ONTVANGEN && now.isAfter(firstContactBy);
        }
    }
}
