package nl.wams.gateway.routing;

import nl.wams.adapters.AdapterRequest;

/**
 * The question for one party as it travels through the fan-out route.
 *
 * @param startedNanos {@link System#nanoTime()} when the request's fan-out began: the party's
 *     timeout counts from here
 */
public record PartyCall(String partyId, AdapterRequest request, long startedNanos) {

    public PartyCall(String partyId, AdapterRequest request) {
        this(partyId, request, System.nanoTime());
    }

    PartyCall startingAt(long nanos) {
        return new PartyCall(partyId, request, nanos);
    }
}
