package nl.wams.gateway.coordination;

import java.time.Instant;
import java.util.List;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.adapters.peer.PeerProvision;

/**
 * One part of a case's coördinatiedossier or of what moved for it. Each kind has its own content
 * record; the store keeps them sealed.
 */
public record Part(
        String id,
        String reference,
        Kind kind,
        String parentId,
        Content content,
        String status,
        Instant createdAt,
        Instant updatedAt) {

    /** What a part is. */
    public enum Kind {
        AFSPRAAK,
        VOORTGANG,
        BIJSTELLING,
        OVERLEG,
        BIJDRAGE,
        VERSTREKKING
    }

    /** The status of an agreement. */
    public enum AgreementStatus {
        OPEN,
        LOPEND,
        AFGEROND,
        VERVALLEN
    }

    /** Where a message to another gateway stands, as far as this gateway knows. */
    public enum Delivery {
        VERZONDEN,
        NIET_AFGELEVERD,
        ONTVANGEN,
        OVERGENOMEN,
        AFGEWEZEN,
        BIJGEDRAGEN,
        VERWIJDERD
    }

    /** The content of a part; sealed so each kind says what it holds. */
    public sealed interface Content permits Agreement, Note, Meeting, Contribution, Message {}

    /** An agreement: what, who, by when. */
    public record Agreement(String what, String who, String due) implements Content {}

    /** A progress note or an adjustment of the approach. */
    public record Note(String text) implements Content {}

    /**
     * A case meeting: when, who takes part, and whether the client and representatives were
     * invited; if not, the weighty interest that kept them out.
     *
     * @param participants party ids
     * @param categories what the college asks the participants to consider contributing
     */
    public record Meeting(
            String date,
            List<String> participants,
            boolean clientInvited,
            boolean representativesInvited,
            String weightyInterest,
            List<String> categories)
            implements Content {
        public Meeting {
            participants = List.copyOf(participants);
            categories = List.copyOf(categories);
        }
    }

    /** A participant's contribution to a meeting, as its gateway sent it (minimised there). */
    public record Contribution(
            String partyId, String partyOin, String reason, List<PeerAnswer.Person> people, List<String> removed)
            implements Content {
        public Contribution {
            people = List.copyOf(people);
            removed = List.copyOf(removed);
        }

        public List<String> categories() {
            return people.stream()
                    .flatMap(p -> p.data().keySet().stream())
                    .distinct()
                    .toList();
        }

        @Override
        public String toString() {
            return "Contribution[party=" + partyId + "]";
        }
    }

    /** A message sent to another gateway: a provision, an invitation or a forwarded contribution. */
    public record Message(String partyId, PeerProvision provision) implements Content {
        @Override
        public String toString() {
            return "Message[party=" + partyId + ", kind=" + provision.kind() + "]";
        }
    }
}
