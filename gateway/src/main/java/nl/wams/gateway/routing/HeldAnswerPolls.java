package nl.wams.gateway.routing;

import java.util.Optional;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;

/** Asks a party for an answer it held for review, through the party's own circuit breaker. */
@FunctionalInterface
public interface HeldAnswerPolls {

    /**
     * The party's answer to a held request; empty when the party (no longer) has an adapter that
     * holds answers.
     */
    Optional<AdapterResult> poll(String partyId, String statusUrl, String requestJws, AdapterRequest question);
}
