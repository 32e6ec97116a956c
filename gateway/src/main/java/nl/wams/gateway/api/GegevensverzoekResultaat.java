package nl.wams.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.wams.gateway.request.DataRequestResult;
import nl.wams.gateway.request.Outcome;
import nl.wams.gateway.request.PartyResult;
import nl.wams.gateway.requester.PendingAnswers;

/** The aggregated answer as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GegevensverzoekResultaat(
        String id,
        String status,
        String doel,
        String grondslag,
        String fase,
        String zaakkenmerk,
        Instant ontvangenOp,
        Instant afgerondOp,
        List<PartijResultaat> resultaten) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PartijResultaat(
            String partij,
            String naam,
            String uitkomst,
            String grond,
            String motivering,
            String toelichting,
            List<String> verwijderdeVelden,
            List<PersoonGegevens> personen,
            Ophalen ophalen) {}

    /**
     * Where fetching a held answer stands: polls so far, failed polls in a row, the next poll, and
     * what the last failed poll learnt. Polling ends at the configured bounds.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ophalen(int pogingen, int mislukt, Instant volgendePoging, String laatsteFout) {}

    record PersoonGegevens(String bsn, String rol, Map<String, Map<String, JsonNode>> gegevens) {
        @Override
        public String toString() {
            return "PersoonGegevens[rol=" + rol + ", categorieen=" + gegevens.keySet() + "]";
        }
    }

    static GegevensverzoekResultaat of(DataRequestResult result, List<PendingAnswers.Schedule> schedule) {
        Map<String, PendingAnswers.Schedule> byParty = new HashMap<>();
        schedule.forEach(s -> byParty.put(s.partyId(), s));
        var request = result.request();
        return new GegevensverzoekResultaat(
                result.id().toString(),
                result.pending() ? "IN_BEHANDELING" : "AFGEROND",
                request.purpose(),
                request.legalBasis(),
                request.phase(),
                request.caseReference(),
                result.received(),
                result.pending() ? null : result.completed(),
                result.results().stream()
                        .map(r -> of(r, r.outcome() == Outcome.IN_BEHANDELING ? byParty.get(r.party()) : null))
                        .toList());
    }

    private static PartijResultaat of(PartyResult r, PendingAnswers.Schedule schedule) {
        return new PartijResultaat(
                r.party(),
                r.partyName(),
                r.outcome().name(),
                r.ground() == null ? null : r.ground().name(),
                r.motivation(),
                r.explanation(),
                r.removedFields(),
                r.subjects().stream()
                        .map(s -> new PersoonGegevens(
                                s.subject().bsn(), s.subject().role().name(), s.categories()))
                        .toList(),
                schedule == null
                        ? null
                        : new Ophalen(
                                schedule.attempts(), schedule.failures(), schedule.nextPoll(), schedule.lastFailure()));
    }
}
