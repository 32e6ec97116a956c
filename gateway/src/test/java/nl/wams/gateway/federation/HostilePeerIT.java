package nl.wams.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Map;
import nl.wams.gateway.support.FakePeerRequester;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.SigningFakePeer.Reply;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a party gateway with valid keys can make the requester do with signed, bound answers:
 * never release values of the wrong type, pass names that are not field names or texts that are
 * not plain text, or poll anything but the signed status path on its own origin.
 */
class HostilePeerIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();

    @RegisterExtension
    static final FakePeerRequester ggz = FakePeerRequester.of(
            tokens,
            "bekend-bij: { bekend: presence, sinds: year }\ncontactprofessional: { naam: keep }",
            "review-polling: { first: 100ms, max-interval: 200ms, every: 100ms }");

    static final String REQUEST = """
            {"doel":"onderzoek","grondslag":"wmo-onderzoek","fase":"onderzoek","aanleiding":"HULPVRAAG",
             "zaakkenmerk":"Z-H","personen":[{"bsn":"%s","rol":"CLIENT"}],
             "partijen":[{"partij":"ggz","categorieen":["bekend-bij","contactprofessional"]}]}""".formatted(Household.CLIENT);

    static JsonNode ask(Reply reply) throws Exception {
        ggz.peer().answer(reply);
        HttpResponse<String> response =
                ggz.requester().post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), REQUEST);
        assertThat(response.statusCode()).as(response.body()).isIn(201, 202);
        return JSON.readTree(response.body()).at("/resultaten/0");
    }

    static String released(String gegevens, String removed) {
        return """
                {"uitkomst":"VERSTREKT","personen":[{"bsn":"%s","gegevens":%s}],"verwijderdeVelden":%s}""".formatted(Household.CLIENT, gegevens, removed);
    }

    @Test
    void aCorrectSignedAnswerIsReleased() throws Exception {
        JsonNode result = ask(Reply.signed(
                200,
                released(
                        "{\"bekend-bij\":{\"bekend\":true,\"sinds\":2019},\"contactprofessional\":{\"naam\":\"T. Verbeek\"}}",
                        "[]")));
        assertThat(result.get("uitkomst").asText()).isEqualTo("VERSTREKT");
    }

    @Test
    void anObjectUnderAKeptTextFieldIsNeverReleased() throws Exception {
        JsonNode result =
                ask(Reply.signed(200, released("{\"contactprofessional\":{\"naam\":{\"dossier\":\"geheim\"}}}", "[]")));
        assertThat(result.get("uitkomst").asText()).isEqualTo("ONGELDIG_ANTWOORD");
        assertThat(result.get("toelichting").asText())
                .isEqualTo("field contactprofessional.naam is not of type STRING");
        assertThat(result.toString()).doesNotContain("geheim");
    }

    @Test
    void textUnderABooleanFieldIsNeverReleasedNotEvenAsAPresence() throws Exception {
        JsonNode result =
                ask(Reply.signed(200, released("{\"bekend-bij\":{\"bekend\":\"in behandeling sinds maart\"}}", "[]")));
        assertThat(result.get("uitkomst").asText()).isEqualTo("ONGELDIG_ANTWOORD");
        assertThat(result.get("toelichting").asText()).isEqualTo("field bekend-bij.bekend is not of type BOOLEAN");
    }

    @Test
    void removedNamesMustBeFieldNamesOfTheAskedCategories() throws Exception {
        for (String removed : new String[] {
            "[\"Bel 06-12345678 voor details\"]", "[\"schulden.totaalbedrag\"]", "[\"bekend-bij.onbekend\"]"
        }) {
            JsonNode result = ask(Reply.signed(200, released("{\"bekend-bij\":{\"bekend\":true}}", removed)));
            assertThat(result.get("uitkomst").asText()).as(removed).isEqualTo("ONGELDIG_ANTWOORD");
            assertThat(result.toString()).doesNotContain("06-12345678");
        }
        JsonNode named = ask(Reply.signed(
                200,
                released("{\"bekend-bij\":{\"bekend\":true}}", "[\"bekend-bij.sinds\",\"contactprofessional.*\"]")));
        assertThat(named.get("uitkomst").asText()).isEqualTo("GEDEELTELIJK_VERSTREKT");
    }

    @Test
    void aRefusalTextThatIsNotPlainTextIsNotPassedOn() throws Exception {
        String longText = "x".repeat(5000);
        JsonNode result = ask(Reply.signed(
                200, "{\"uitkomst\":\"GEWEIGERD\",\"grond\":\"BEROEPSGEHEIM\",\"motivering\":\"" + longText + "\"}"));
        assertThat(result.get("uitkomst").asText()).isEqualTo("ONGELDIG_ANTWOORD");
        JsonNode control = ask(Reply.signed(
                200, "{\"uitkomst\":\"GEWEIGERD\",\"grond\":\"BEROEPSGEHEIM\",\"motivering\":\"a\\u001b[2Jb\"}"));
        assertThat(control.get("uitkomst").asText()).isEqualTo("ONGELDIG_ANTWOORD");
    }

    @Test
    void aHeldAnswerIsPolledOnlyAtTheSignedPathOnThePartysOwnOrigin() throws Exception {
        String elsewhere = "https://127.0.0.1:1/peer/v1/verzoeken/01a22896-596d-7240-8c25-feaf7e88a442";
        // An unsigned Location header is not followed, and a signed absolute URL is not a path.
        JsonNode unsigned =
                ask(Reply.signed(202, "{\"uitkomst\":\"IN_BEHANDELING\"}").withHeader("Location", elsewhere));
        assertThat(unsigned.get("uitkomst").asText()).isEqualTo("ONGELDIG_ANTWOORD");
        JsonNode absolute =
                ask(Reply.signed(202, "{\"uitkomst\":\"IN_BEHANDELING\",\"status\":\"" + elsewhere + "\"}"));
        assertThat(absolute.get("uitkomst").asText()).isEqualTo("ONGELDIG_ANTWOORD");
        JsonNode plain = ask(
                Reply.signed(202, "{\"uitkomst\":\"IN_BEHANDELING\",\"status\":\"/peer/v1/verzoeken/../../intern\"}"));
        assertThat(plain.get("uitkomst").asText()).isEqualTo("ONGELDIG_ANTWOORD");

        String path = "/peer/v1/verzoeken/01a22896-596d-7240-8c25-feaf7e88a442";
        JsonNode held = ask(Reply.signed(202, "{\"uitkomst\":\"IN_BEHANDELING\",\"status\":\"" + path + "\"}"));
        assertThat(held.get("uitkomst").asText()).isEqualTo("IN_BEHANDELING");
        ggz.peer().answer(Reply.signed(200, "{\"uitkomst\":\"NIET_BEKEND\"}"));
        nl.wams.gateway.support.Polling.until(
                java.time.Duration.ofSeconds(20),
                "the signed status path is polled",
                () -> ggz.peer().requests().contains("GET " + path));
        assertThat(ggz.peer().requests())
                .allSatisfy(r -> assertThat(r).matches("(POST /peer/v1/verzoeken|GET " + path + ")"));
    }

    @Test
    void whenTheProviderRefusesTheRequesterShowsItsProblemTypeAndDetail() throws Exception {
        JsonNode result = ask(new Reply(
                422,
                Map.of("Content-Type", "application/problem+json"),
                null,
                "{\"type\":\"https://wams-gateway.example/problemen/bijzondere-gegevens\",\"title\":\"t\",\"status\":422,"
                        + "\"detail\":\"Dit verzoek breekt 1 regel(s).\"}"));
        assertThat(result.get("uitkomst").asText()).isEqualTo("ONGELDIG_ANTWOORD");
        assertThat(result.get("toelichting").asText())
                .isEqualTo(
                        "party gateway refused the request: HTTP 422 bijzondere-gegevens: Dit verzoek breekt 1 regel(s).");
    }
}
