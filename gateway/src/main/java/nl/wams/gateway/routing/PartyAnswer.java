package nl.wams.gateway.routing;

import nl.wams.adapters.AdapterResult;

/** What one party's route produced. */
public record PartyAnswer(String partyId, AdapterResult result) {}
