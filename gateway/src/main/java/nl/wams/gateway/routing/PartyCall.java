package nl.wams.gateway.routing;

import nl.wams.adapters.AdapterRequest;

/** The question for one party as it travels through the fan-out route. */
public record PartyCall(String partyId, AdapterRequest request) {}
