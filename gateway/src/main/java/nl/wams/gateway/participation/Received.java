package nl.wams.gateway.participation;

import java.time.Instant;
import nl.wams.adapters.peer.PeerProvision;

/**
 * Something another gateway sent for the coordinated approach, held apart from the organisation's
 * own file: provided data, a forwarded meeting contribution, or an invitation to a meeting.
 *
 * @param provision what was sent; null once deleted at the end of its term
 */
public record Received(
        String id,
        String senderOin,
        String senderReference,
        PeerProvision.Kind kind,
        PeerProvision provision,
        Status status,
        Instant receivedAt,
        Instant deleteAfter,
        Instant decidedAt,
        String decidedBy,
        String motivation) {

    /** Where it stands; the sender may ask for this (and nothing else). */
    public enum Status {
        /** Held apart, waiting for a professional. */
        ONTVANGEN,
        /** Taken into the organisation's own file, with a motivation (which own task needs it). */
        OVERGENOMEN,
        /** Declined; deleted at the end of the term. */
        AFGEWEZEN,
        /** An invitation the professional contributed to. */
        BIJGEDRAGEN,
        /** Deleted at the end of the term (not adopted). */
        VERWIJDERD
    }

    @Override
    public String toString() {
        return "Received[id=" + id + ", kind=" + kind + ", status=" + status + "]";
    }
}
