package nl.wams.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import nl.wams.gateway.support.FakePeerRequester;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.Polling;
import nl.wams.gateway.support.SigningFakePeer.Reply;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every held answer ends: when the party's gateway no longer knows the request, after a bounded
 * number of failed polls in a row, or after the longest wait, the exchange gets a terminal outcome
 * with its reason and a closing record in the log; while it waits, the poll schedule is visible.
 */
class HeldAnswersEndIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();

    @RegisterExtension
    static final FakePeerRequester ggz = FakePeerRequester.of(
            tokens,
            "bekend-bij: { bekend: keep }\ncontactprofessional: { naam: keep }",
            "review-polling: { first: 100ms, max-interval: 200ms, every: 100ms, max-failures: 3, max-wait: 3s }",
            // Polls go through the party's breaker; these tests fail polls on purpose, one exchange each.
            "circuit-breaker: { failure-rate-threshold: 100, minimum-calls: 1000, sliding-window: 1000 }");

    static final String STATUS_PATH = "/peer/v1/verzoeken/01a22896-596d-7240-8c25-feaf7e88a442";
    static final Reply HELD = Reply.signed(202, "{\"uitkomst\":\"IN_BEHANDELING\",\"status\":\"" + STATUS_PATH + "\"}");

    static String askHeld(String caseRef) throws Exception {
        ggz.peer().answer(HELD);
        HttpResponse<String> response = ggz.requester()
                .post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), """
                {"doel":"onderzoek","grondslag":"wmo-onderzoek","fase":"onderzoek","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"%s","personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "partijen":[{"partij":"ggz","categorieen":["contactprofessional"]}]}""".formatted(
                                caseRef, Household.CLIENT));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode held = JSON.readTree(response.body());
        assertThat(held.at("/resultaten/0/uitkomst").asText()).isEqualTo("IN_BEHANDELING");
        assertThat(held.at("/resultaten/0/ophalen/pogingen").asInt()).isZero();
        assertThat(held.at("/resultaten/0/ophalen/volgendePoging").asText()).isNotBlank();
        return held.get("id").asText();
    }

    static JsonNode partyResult(String id) throws Exception {
        HttpResponse<String> response =
                ggz.requester().get("/api/v1/gegevensverzoeken/" + id, tokens.coordinator("cw-1"));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).at("/resultaten/0");
    }

    /** Waits (bounded) until the party's outcome is no longer IN_BEHANDELING. */
    static JsonNode finalResult(String id) throws Exception {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Polling.until(Duration.ofSeconds(30), "a final outcome", () -> {
            try {
                last.set(partyResult(id));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return !"IN_BEHANDELING".equals(last.get().path("uitkomst").asText());
        });
        return last.get();
    }

    /** The log's closing record for the party, found through the auditor API by case reference. */
    static JsonNode closingRecord(String caseRef) throws Exception {
        HttpResponse<String> response = ggz.requester()
                .get(
                        "/api/v1/verwerkingen?zaakkenmerk=" + caseRef + "&uitkomst=NIET_BEANTWOORD",
                        tokens.withRoles("fg-1", "auditor"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode records = JSON.readTree(response.body()).get("verwerkingen");
        assertThat(records).as(response.body()).hasSize(1);
        return records.get(0);
    }

    @Test
    void aProviderThatNoLongerKnowsTheRequestEndsItAtOnceWithARecord() throws Exception {
        String id = askHeld("Z-KWIJT");
        ggz.peer()
                .answerPolls(new Reply(
                        404,
                        Map.of("Content-Type", "application/problem+json"),
                        null,
                        "{\"type\":\"https://wams-gateway.example/problemen/niet-gevonden\",\"title\":\"Niet gevonden\","
                                + "\"status\":404,\"detail\":\"Dit verzoek is hier niet bekend.\"}"));

        JsonNode result = finalResult(id);

        assertThat(result.get("uitkomst").asText()).isEqualTo("NIET_BEANTWOORD");
        assertThat(result.get("toelichting").asText()).contains("no longer knows this request (HTTP 404 niet-gevonden");
        assertThat(result.has("ophalen")).isFalse();
        JsonNode record = closingRecord("Z-KWIJT");
        assertThat(record.get("partij").asText()).isEqualTo("ggz");
        assertThat(record.get("motivering").asText()).contains("no longer knows this request");
    }

    @Test
    void failedPollsInARowEndTheExchangeAfterTheBoundAndAreVisibleMeanwhile() throws Exception {
        ggz.peer().answer(HELD);
        String id = askHeld("Z-STORING");
        ggz.peer().answerPolls(new Reply(503, Map.of(), null, ""));

        AtomicReference<JsonNode> seen = new AtomicReference<>();
        Polling.until(Duration.ofSeconds(30), "a failed poll is shown", () -> {
            try {
                seen.set(partyResult(id));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return seen.get().at("/ophalen/mislukt").asInt() >= 1
                    || !"IN_BEHANDELING".equals(seen.get().path("uitkomst").asText());
        });
        if ("IN_BEHANDELING".equals(seen.get().path("uitkomst").asText())) {
            assertThat(seen.get().at("/ophalen/laatsteFout").asText()).isEqualTo("party gateway answered HTTP 503");
            assertThat(seen.get().at("/ophalen/pogingen").asInt()).isGreaterThanOrEqualTo(1);
        }
        JsonNode result = finalResult(id);

        assertThat(result.get("uitkomst").asText()).isEqualTo("NIET_BEANTWOORD");
        assertThat(result.get("toelichting").asText())
                .isEqualTo("the party's gateway could not be asked for its decision (3 failed polls in a row, last:"
                        + " party gateway answered HTTP 503): the gateway stopped asking");
        assertThat(closingRecord("Z-STORING").get("motivering").asText()).contains("3 failed polls in a row");
    }

    @Test
    void aDecisionThatNeverComesEndsAfterTheLongestWait() throws Exception {
        String id = askHeld("Z-WACHT");
        ggz.peer().answerPolls(new Reply(202, Map.of(), null, ""));
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        Polling.until(Duration.ofSeconds(30), "polls are counted while the party decides", () -> {
            try {
                seen.set(partyResult(id));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return seen.get().at("/ophalen/pogingen").asInt() >= 1
                    || !"IN_BEHANDELING".equals(seen.get().path("uitkomst").asText());
        });
        assertThat(seen.get().get("uitkomst").asText()).isEqualTo("IN_BEHANDELING");
        assertThat(seen.get().at("/ophalen/mislukt").asInt()).isZero();

        JsonNode result = finalResult(id);

        assertThat(result.get("uitkomst").asText()).isEqualTo("NIET_BEANTWOORD");
        assertThat(result.get("toelichting").asText())
                .startsWith("no decision of the party within the longest wait of 3s (");
        assertThat(closingRecord("Z-WACHT").get("partij").asText()).isEqualTo("ggz");
    }

    @Test
    void aSignedRefusalOnTheStatusResourceIsFinal() throws Exception {
        String id = askHeld("Z-WEIGER");
        ggz.peer()
                .answerPolls(
                        Reply.signed(
                                200,
                                "{\"uitkomst\":\"GEWEIGERD\",\"grond\":\"BEROEPSGEHEIM\",\"motivering\":\"Behandelrelatie.\"}"));

        JsonNode result = finalResult(id);

        assertThat(result.get("uitkomst").asText()).isEqualTo("GEWEIGERD");
        assertThat(result.get("grond").asText()).isEqualTo("BEROEPSGEHEIM");
    }
}
