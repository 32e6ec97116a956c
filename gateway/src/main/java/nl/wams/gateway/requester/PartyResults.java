package nl.wams.gateway.requester;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.wams.adapters.AdapterResult;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.request.Outcome;
import nl.wams.gateway.request.PartyResult;

/** Turns what an adapter reported into the party's result as the caller sees it. */
public final class PartyResults {

    private PartyResults() {}

    public static PartyResult of(
            String partyId, String partyName, AdapterResult result, List<DataRequest.Subject> asked) {
        // Java 17: no pattern switch yet, so an if-chain over the sealed variants.
        if (result instanceof AdapterResult.Answered answered) {
            return answered(partyId, partyName, answered, asked);
        }
        if (result instanceof AdapterResult.Refused refused) {
            return new PartyResult(
                    partyId,
                    partyName,
                    Outcome.GEWEIGERD,
                    refused.ground(),
                    refused.motivation(),
                    null,
                    List.of(),
                    List.of());
        }
        if (result instanceof AdapterResult.Unreachable unreachable) {
            return simple(partyId, partyName, Outcome.NIET_BEREIKBAAR, unreachable.reason());
        }
        if (result instanceof AdapterResult.Pending pending) {
            return simple(partyId, partyName, Outcome.IN_BEHANDELING, "wacht op het besluit van een professional");
        }
        if (result instanceof AdapterResult.NotAnswered notAnswered) {
            return simple(partyId, partyName, Outcome.NIET_BEANTWOORD, notAnswered.motivation());
        }
        if (result instanceof AdapterResult.InvalidAnswer invalid) {
            return simple(partyId, partyName, Outcome.ONGELDIG_ANTWOORD, invalid.reason());
        }
        return simple(partyId, partyName, Outcome.NIET_BEKEND, null);
    }

    private static PartyResult answered(
            String partyId, String partyName, AdapterResult.Answered answered, List<DataRequest.Subject> asked) {
        Map<String, DataRequest.Subject> byBsn =
                asked.stream().collect(Collectors.toMap(DataRequest.Subject::bsn, Function.identity()));
        List<PartyResult.SubjectData> subjects = answered.subjects().stream()
                .map(s -> new PartyResult.SubjectData(byBsn.get(s.bsn()), s.categories()))
                .toList();
        Outcome outcome = answered.removedAtSource().isEmpty() ? Outcome.VERSTREKT : Outcome.GEDEELTELIJK_VERSTREKT;
        return new PartyResult(partyId, partyName, outcome, null, null, null, answered.removedAtSource(), subjects);
    }

    private static PartyResult simple(String partyId, String partyName, Outcome outcome, String explanation) {
        return new PartyResult(partyId, partyName, outcome, null, null, explanation, List.of(), List.of());
    }
}
