package nl.wams.gateway.participation;

import java.time.Instant;
import nl.wams.adapters.peer.PeerProvision;
import nl.wams.adapters.peer.PeerReceipt;

/**
 * Something another gateway sent for the coordinated approach, held apart from the organisation's
 * own file: provided data, a forwarded meeting contribution, or an invitation to a meeting.
 *
 * @param provision what was sent; null once deleted at the end of its term
 * @param status where it stands; the sender may ask for this and nothing else
 */
public record Received(
        String id,
        String senderOin,
        String senderReference,
        PeerProvision.Kind kind,
        PeerProvision provision,
        PeerReceipt.Status status,
        Instant receivedAt,
        Instant deleteAfter,
        Instant decidedAt,
        String decidedBy,
        String motivation) {

    /** An invitation to a case meeting (answered with a contribution), not data to adopt or decline. */
    public boolean invitation() {
        return kind == PeerProvision.Kind.UITNODIGING;
    }

    @Override
    public String toString() {
        return "Received[id=" + id + ", kind=" + kind + ", status=" + status + "]";
    }
}
