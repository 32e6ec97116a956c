package nl.wams.gateway.provider;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.PartyAdapter;
import nl.wams.adapters.RefusalGround;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerSigner;
import nl.wams.gateway.minimisation.MinimisationFilter;

/**
 * Provider role: building and signing the answers a provider gives. Data comes from the provider's
 * own backend and is minimised at the source with its own profiles; categories it may not release
 * are named as removed, never shown. Every answer is signed against the request it answers.
 */
record ProviderAnswers(PartyAdapter backend, PeerMessages messages, PeerSigner signer) {

    /**
     * Fetches and minimises the categories that may be released; the rest is named as removed.
     * Empty when the backend did not answer (then nothing is sent). {@code minimisation}: the
     * profiles of the rules that decide this answer.
     */
    Optional<PeerAnswer> fromBackend(
            MinimisationFilter minimisation,
            String purpose,
            List<String> automatic,
            List<String> never,
            List<AdapterRequest.Subject> subjects,
            String transactionId) {
        if (automatic.isEmpty()) {
            return Optional.of(PeerAnswer.refused(
                    RefusalGround.GEEN_GRONDSLAG, "Geen grondslag om " + never + " te verstrekken."));
        }
        AdapterResult result = backend.fetch(new AdapterRequest(transactionId, purpose, subjects, automatic));
        if (result instanceof AdapterResult.Answered answered) {
            return Optional.of(released(minimisation, purpose, answered, never));
        }
        if (result instanceof AdapterResult.NotKnown) {
            return Optional.of(PeerAnswer.notKnown());
        }
        if (result instanceof AdapterResult.Refused refused) {
            return Optional.of(PeerAnswer.refused(refused.ground(), refused.motivation()));
        }
        return Optional.empty();
    }

    /** Minimised at the source with this provider's own profiles; removals are named, never shown. */
    private static PeerAnswer released(
            MinimisationFilter minimisation, String purpose, AdapterResult.Answered answered, List<String> never) {
        Set<String> removed = new LinkedHashSet<>();
        never.forEach(c -> removed.add(c + ".*"));
        MinimisationFilter.People released = minimisation.release(
                purpose,
                answered.subjects().stream()
                        .map(s -> new PeerAnswer.Person(s.bsn(), s.categories()))
                        .toList());
        removed.addAll(released.removed());
        return PeerAnswer.released(released.people(), List.copyOf(removed));
    }

    /** The answer signed for the requester, bound to its request; {@code jti} is this provider's id. */
    String sign(String requesterOin, String requestJws, String jti, PeerAnswer answer) {
        return messages.signAnswer(signer, requesterOin, requestJws, jti, answer);
    }
}
