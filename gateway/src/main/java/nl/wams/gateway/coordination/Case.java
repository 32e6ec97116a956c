package nl.wams.gateway.coordination;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import nl.wams.gateway.request.DataRequest;

/**
 * A case (zaak) at the college: the household it is about, what was agreed with the client, the
 * outcome of the investigation, and who coordinates the approach. Identified by the case reference
 * that data requests carry.
 *
 * @param closedAt when it was closed, or null while open
 * @param deleteAfter when its personal data is deleted (closing plus the retention term), or null
 */
public record Case(
        String reference, Details details, Status status, Instant createdAt, Instant closedAt, Instant deleteAfter) {

    /** The social-domain laws of the Wams; two or more of them make a coordinator mandatory. */
    public enum SocialLaw {
        WMO_2015,
        JEUGDWET,
        PARTICIPATIEWET,
        WGS
    }

    /** The domains adjacent to the social domain whose parties the law lets the college involve. */
    public enum AdjacentDomain {
        ZORG,
        WONEN,
        ONDERWIJS,
        VEILIGHEID,
        WERK_EN_INKOMEN
    }

    /** Whether a case is still being worked on. */
    public enum Status {
        OPEN,
        GESLOTEN
    }

    /** What the investigation concluded. */
    public enum Outcome {
        /** Still being investigated. */
        ONDERZOEK_LOOPT,
        /** A coordinated approach is needed. */
        AANPAK_NODIG,
        /** No coordinated approach is needed (the reason says why, for instance one service suffices). */
        GEEN_AANPAK_NODIG
    }

    /** Who coordinates: a municipal official or a party. */
    public enum CoordinatorKind {
        GEMEENTE,
        PARTIJ
    }

    /** The designated coordinator, by organisation and name. */
    public record Coordinator(CoordinatorKind kind, String organisation, String name) {}

    /** The outcome of the investigation with its reason. */
    public record Investigation(Outcome outcome, String reason) {}

    /**
     * What the coordinator records about a case.
     *
     * @param trigger a client's own request for help, or a professional's request
     * @param people the client and family members (BSN and role)
     * @param scope the scope agreed with the client
     * @param coordinatorWaived the client waived a coordinator (only in a request for help)
     * @param parties the configured parties involved (party ids)
     */
    public record Details(
            DataRequest.Trigger trigger,
            List<DataRequest.Subject> people,
            String scope,
            Investigation investigation,
            Set<SocialLaw> laws,
            Set<AdjacentDomain> adjacentDomains,
            Coordinator coordinator,
            boolean coordinatorWaived,
            List<String> parties) {
        public Details {
            people = List.copyOf(people);
            laws = Set.copyOf(laws);
            adjacentDomains = Set.copyOf(adjacentDomains);
            parties = List.copyOf(parties);
        }

        /** The people's BSNs (for pseudonyms and for messages to parties). */
        public List<String> bsns() {
            return people.stream().map(DataRequest.Subject::bsn).toList();
        }

        @Override
        public String toString() {
            return "Details[people=" + people.size() + ", laws=" + laws + "]";
        }
    }

    /** A case as a list shows it: nothing personal, nothing unsealed. */
    public record Summary(String reference, Status status, Instant createdAt, Instant closedAt) {}

    public boolean open() {
        return status == Status.OPEN;
    }
}
