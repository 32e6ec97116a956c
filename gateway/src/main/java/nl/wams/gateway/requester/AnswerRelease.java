package nl.wams.gateway.requester;

import java.util.Set;
import java.util.stream.Collectors;
import nl.wams.adapters.AdapterResult;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.register.Rules;
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

    /** @param config the configuration the gateway started with (its parties: a reload does not change them) */
    AnswerRelease(GatewayConfig config, AnswerCheck check) {
        this.config = config;
        this.check = check;
    }

    /** Releases one party's answer under {@code rules} (those the request started with). */
    PartyResult release(String partyId, AdapterResult answer, DataRequest request, Rules rules) {
        Set<String> asked =
                request.subjects().stream().map(DataRequest.Subject::bsn).collect(Collectors.toSet());
        boolean peer = config.party(partyId)
                .map(p -> p.adapter().type().minimisedAtSource())
                .orElse(false);
        AdapterResult checked = check.check(answer, request.categoriesAskedOf(partyId), asked, peer);
        // Defence in depth: minimised here even when the party minimised at the source.
        return rules.minimisation()
                .release(
                        request.purpose(),
                        PartyResults.of(partyId, config.partyName(partyId), checked, request.subjects()));
    }
}
