package nl.wams.gateway.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The aggregated answer to one data request.
 *
 * @param id the request id, also its {@code Fsc-Transaction-Id}
 * @param requester who asked (the token's subject)
 * @param received when the gateway received it
 * @param completed when the last party result arrived
 * @param request what was asked
 * @param results one result per named party, in the order asked
 */
public record DataRequestResult(
        UUID id,
        String requester,
        Instant received,
        Instant completed,
        DataRequest request,
        List<PartyResult> results) {

    public DataRequestResult {
        results = List.copyOf(results);
    }

    /** Complete unless a party still has to decide. */
    public boolean pending() {
        return results.stream().anyMatch(r -> r.outcome() == Outcome.IN_BEHANDELING);
    }
}
