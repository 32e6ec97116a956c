package nl.wams.gateway.requester;

import java.util.Set;
import java.util.stream.Collectors;
import nl.wams.adapters.AdapterResult;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.minimisation.MinimisationFilter;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.request.PartyResult;

/**
 * The one way an adapter's answer becomes what the caller gets, for a first answer and for a held
 * answer alike: checked against the request and the catalogue, turned into the party's outcome,
 * and minimised with the purpose's profile (default deny).
 */
final class AnswerRelease {

    private final GatewayConfig config;
    private final AnswerCheck check;
    private final MinimisationFilter minimisation;

    AnswerRelease(GatewayConfig config, AnswerCheck check, MinimisationFilter minimisation) {
        this.config = config;
        this.check = check;
        this.minimisation = minimisation;
    }

    PartyResult release(String partyId, AdapterResult answer, DataRequest request) {
        Set<String> asked =
                request.subjects().stream().map(DataRequest.Subject::bsn).collect(Collectors.toSet());
        boolean peer = config.party(partyId)
                .map(p -> p.adapter().type().minimisedAtSource())
                .orElse(false);
        AdapterResult checked = check.check(answer, request.categoriesAskedOf(partyId), asked, peer);
        // Defence in depth: minimised here even when the party minimised at the source.
        return minimisation.release(
                request.purpose(), PartyResults.of(partyId, config.partyName(partyId), checked, request.subjects()));
    }
}
