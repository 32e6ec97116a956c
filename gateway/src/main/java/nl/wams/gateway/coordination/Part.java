package nl.wams.gateway.coordination;

import java.time.Instant;
import java.util.List;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.adapters.peer.PeerProvision;
import nl.wams.adapters.peer.PeerReceipt;

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
        Status status,
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

    /**
     * The status of a part that has one: an agreement's, or a message's delivery (a contribution
     * the college received is {@link Delivery#ONTVANGEN}); null for the other kinds.
     */
    public sealed interface Status permits AgreementStatus, Delivery {
        String name();

        /** The stored name read back for a part of {@code kind}; null for kinds without a status. */
        static Status of(Kind kind, String name) {
            if (name == null) {
                return null;
            }
            return switch (kind) {
                case AFSPRAAK -> AgreementStatus.valueOf(name);
                case VERSTREKKING, BIJDRAGE -> Delivery.valueOf(name);
                default -> null;
            };
        }
    }

    /** The status of an agreement. */
    public enum AgreementStatus implements Status {
        OPEN,
        LOPEND,
        AFGEROND,
        VERVALLEN
    }

    /**
     * Where a message to another gateway stands, as far as this gateway knows: sent, not delivered,
     * or what the receiver last reported ({@link PeerReceipt.Status}, same names).
     */
    public enum Delivery implements Status {
        VERZONDEN,
        NIET_AFGELEVERD,
        ONTVANGEN,
        OVERGENOMEN,
        AFGEWEZEN,
        BIJGEDRAGEN,
        VERWIJDERD;

        /** The delivery status a receiver's report stands for. */
        public static Delivery of(PeerReceipt.Status reported) {
            return valueOf(reported.name());
        }
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
