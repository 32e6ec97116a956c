package nl.wams.gateway.meldpunt;

import java.time.Instant;

/**
 * One routing of a signal to a desk and what the desk answered.
 *
 * @param deskReference the desk's own id of the signal, if it gave one
 * @param reason the desk's reason (declined) or why it could not be reached
 */
public record Routing(
        String id,
        String reference,
        String deskId,
        Status status,
        String deskReference,
        String reason,
        Instant createdAt,
        Instant updatedAt) {

    /** Where a routing stands. */
    public enum Status {
        /** Recorded and being sent. */
        VERSTUURD,
        /** The desk took the signal on. */
        AANGENOMEN,
        /** The desk's gateway holds it for a professional there. */
        IN_AFWACHTING,
        /** The desk declined it. */
        AFGEWEZEN,
        /** The desk could not be reached: the signal can be routed again. */
        NIET_BEREIKBAAR,
        /** The desk answered something the gateway cannot trust. */
        ONGELDIG_ANTWOORD;

        /** Whether the signal counts as routed (taken on, or held at the desk). */
        public boolean routed() {
            return this == AANGENOMEN || this == IN_AFWACHTING;
        }
    }
}
