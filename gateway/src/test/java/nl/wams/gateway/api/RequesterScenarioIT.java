package nl.wams.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.GatewayExtension;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenarios through the real HTTP API, Camel routes and REST adapter, with WireMock standing in
 * for the parties' backends. Read each test as "Requester asks X; party answers Y; result Z".
 */
class RequesterScenarioIT {

    @RegisterExtension
    static WireMockExtension ggz = Backends.wireMock();

    @RegisterExtension
    static WireMockExtension woon = Backends.wireMock();

    @RegisterExtension
    static WireMockExtension schuld = Backends.wireMock();

    @RegisterExtension
    static WireMockExtension leerplicht = Backends.wireMock();

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static final int deadPort = closedPort();

    @RegisterExtension
    @Order(Backends.AFTER_BACKENDS)
    static final GatewayExtension gateway = GatewayExtension.of(
            tokens,
            () -> TestGateway.requesterHeader()
                    + """
                purposes:
                  - id: onderzoek
                    phase: onderzoek
                    legal-basis: { id: wmo-onderzoek, text: "Wmo 2015 (Wams): onderzoek" }
                    categories: [bekend-bij, schulden, huurachterstand, ggz-behandeling, schoolverzuim]
                    special-categories-allowed: true
                minimisation:
                  onderzoek:
                    bekend-bij: { bekend: keep }
                    schulden: { totaalbedrag: keep }
                    huurachterstand: { bedrag: keep, maanden: keep }
                    ggz-behandeling: { inBehandeling: keep, soortZorg: keep }
                    schoolverzuim: { verzuimUren: keep }
                parties:
                  - id: ggz
                    name: GGZ Test
                    oin: "00000099000000000101"
                    domain: zorg-ggz
                    categories: [bekend-bij, ggz-behandeling]
                    timeout: 2s
                    adapter:
                      type: rest
                      url: http://127.0.0.1:%d/ggz
                      mappings:
                        bekend-bij: { bekend: /inZorg }
                        ggz-behandeling: { inBehandeling: /inZorg, soortZorg: /zorgsoort }
                  - id: woon
                    name: Woon Test
                    oin: "00000099000000000202"
                    domain: wonen
                    categories: [bekend-bij, huurachterstand]
                    timeout: 700ms
                    adapter:
                      type: rest
                      url: http://127.0.0.1:%d/woon
                      mappings:
                        bekend-bij: { bekend: /huurder }
                        huurachterstand: { bedrag: /achterstand/bedrag, maanden: /achterstand/maanden }
                  - id: schuld
                    name: Schuld Test
                    oin: "00000099000000000303"
                    domain: sociaal-domein
                    categories: [bekend-bij, schulden]
                    timeout: 2s
                    adapter:
                      type: rest
                      url: http://127.0.0.1:%d/schuld
                      mappings:
                        bekend-bij: { bekend: /inTraject }
                        schulden: { totaalbedrag: /schuld/totaal }
                  - id: leerplicht
                    name: Leerplicht Test
                    oin: "00000099000000000404"
                    domain: onderwijs
                    categories: [schoolverzuim]
                    timeout: 2s
                    circuit-breaker: { failure-rate-threshold: 50, minimum-calls: 2, sliding-window: 2, open-duration: 60s }
                    adapter:
                      type: rest
                      url: http://127.0.0.1:%d/leerplicht
                      mappings:
                        schoolverzuim: { verzuimUren: /uren }
                  - id: dood
                    name: Dode Partij
                    oin: "00000099000000000505"
                    domain: welzijn
                    categories: [bekend-bij]
                    timeout: 1s
                    adapter:
                      type: rest
                      url: http://127.0.0.1:%d/dood
                      mappings:
                        bekend-bij: { bekend: /bekend }
                """.formatted(ggz.getPort(), woon.getPort(), schuld.getPort(), leerplicht.getPort(), deadPort));

    /** A port nothing listens on: it was free, and is closed again. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void knownHousehold() {
        ggz.stubFor(post("/ggz").willReturn(okJson("""
                        {"personen":[{"bsn":"%s","inZorg":true,"zorgsoort":"ambulant","diagnose":"GEHEIM-DIAGNOSE"}]}
                        """.formatted(Household.CLIENT))));
        woon.stubFor(post("/woon").willReturn(okJson("""
                        {"personen":[{"bsn":"%s","huurder":true,"achterstand":{"bedrag":812.5,"maanden":2}}]}
                        """.formatted(Household.CLIENT))));
        schuld.stubFor(post("/schuld").willReturn(okJson("""
                        {"personen":[{"bsn":"%s","inTraject":true,"schuld":{"totaal":12000}}]}
                        """.formatted(Household.CLIENT))));
    }

    static String request(String partiesJson) {
        return """
                {"doel":"onderzoek","grondslag":"wmo-onderzoek","fase":"onderzoek","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"ZAAK-1",
                 "personen":[{"bsn":"%s","rol":"CLIENT"},{"bsn":"%s","rol":"GEZINSLID"}],
                 "partijen":%s,
                 "motivering":"Samenhang tussen ggz-behandeling, schulden en huurachterstand onderzoeken."}
                """.formatted(Household.CLIENT, Household.FAMILY_MEMBER, partiesJson);
    }

    static final String ALL_THREE = """
            [{"partij":"ggz","categorieen":["ggz-behandeling"]},
             {"partij":"woon","categorieen":["huurachterstand"]},
             {"partij":"schuld","categorieen":["schulden"]}]""";

    JsonNode ask(String parties) throws Exception {
        HttpResponse<String> response =
                gateway.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), request(parties));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    static JsonNode result(JsonNode answer, String party) {
        for (JsonNode r : answer.get("resultaten")) {
            if (r.get("partij").asText().equals(party)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + party + " in " + answer);
    }

    @Test
    void allPartiesAnswerAndOnlyMappedFieldsAreReleased() throws Exception {
        HttpResponse<String> response =
                gateway.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), request(ALL_THREE));

        assertThat(response.statusCode()).isEqualTo(201);
        String transactionId =
                response.headers().firstValue("Fsc-Transaction-Id").orElseThrow();
        assertThat(transactionId).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(response.headers().firstValue("API-Version")).contains("1.0.0");
        assertThat(response.headers().firstValue("Location")).contains("/api/v1/gegevensverzoeken/" + transactionId);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("id").asText()).isEqualTo(transactionId);
        assertThat(answer.get("status").asText()).isEqualTo("AFGEROND");
        assertThat(answer.get("resultaten"))
                .extracting(r -> r.get("partij").asText())
                .containsExactly("ggz", "woon", "schuld");
        answer.get("resultaten")
                .forEach(r -> assertThat(r.get("uitkomst").asText()).isEqualTo("VERSTREKT"));
        JsonNode ggzData = result(answer, "ggz").get("personen").get(0);
        assertThat(ggzData.get("bsn").asText()).isEqualTo(Household.CLIENT);
        assertThat(ggzData.at("/gegevens/ggz-behandeling/soortZorg").asText()).isEqualTo("ambulant");
        assertThat(result(answer, "woon")
                        .at("/personen/0/gegevens/huurachterstand/bedrag")
                        .asDouble())
                .isEqualTo(812.5);
        assertThat(response.body()).doesNotContain("GEHEIM-DIAGNOSE").doesNotContain("diagnose");
    }

    @Test
    void subjectsTravelInTheBodyNeverInTheUrl() throws Exception {
        ask(ALL_THREE);

        ggz.verify(postRequestedFor(urlEqualTo("/ggz"))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(matchingJsonPath("$.personen[0].bsn", WireMock.equalTo(Household.CLIENT)))
                .withRequestBody(matchingJsonPath("$.categorieen[0]", WireMock.equalTo("ggz-behandeling")))
                .withRequestBody(matchingJsonPath("$.doel", WireMock.equalTo("onderzoek"))));
        ggz.getAllServeEvents().forEach(e -> assertThat(e.getRequest().getUrl()).doesNotContain(Household.CLIENT));
    }

    @Test
    void onlyTheNamedPartiesAreAsked() throws Exception {
        ask("[{\"partij\":\"woon\",\"categorieen\":[\"huurachterstand\"]}]");

        assertThat(woon.getAllServeEvents()).hasSize(1);
        assertThat(ggz.getAllServeEvents()).isEmpty();
        assertThat(schuld.getAllServeEvents()).isEmpty();
    }

    @Test
    void slowPartyIsNotReachableAndDoesNotDelayTheOthers() throws Exception {
        woon.stubFor(post("/woon").willReturn(okJson("{\"personen\":[]}").withFixedDelay(15_000)));

        // The client gives up long before the slow backend would answer: the gateway must not wait for it.
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/api/v1/gegevensverzoeken"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + tokens.coordinator("cw-1"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request(ALL_THREE)))
                .build());

        JsonNode answer = JSON.readTree(response.body());
        assertThat(result(answer, "woon").get("uitkomst").asText()).isEqualTo("NIET_BEREIKBAAR");
        assertThat(result(answer, "ggz").get("uitkomst").asText()).isEqualTo("VERSTREKT");
        assertThat(result(answer, "schuld").get("uitkomst").asText()).isEqualTo("VERSTREKT");
    }

    @Test
    void garbageAnswerIsInvalid() throws Exception {
        schuld.stubFor(post("/schuld")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"personen\": [ this is not json")));

        JsonNode answer = ask(ALL_THREE);

        assertThat(result(answer, "schuld").get("uitkomst").asText()).isEqualTo("ONGELDIG_ANTWOORD");
        assertThat(result(answer, "schuld").get("personen")).isEmpty();
        assertThat(result(answer, "ggz").get("uitkomst").asText()).isEqualTo("VERSTREKT");
    }

    @Test
    void valueOfTheWrongTypeIsInvalid() throws Exception {
        schuld.stubFor(post("/schuld").willReturn(okJson("""
                {"personen":[{"bsn":"%s","schuld":{"totaal":"veel"}}]}""".formatted(Household.CLIENT))));

        JsonNode answer = ask(ALL_THREE);

        assertThat(result(answer, "schuld").get("uitkomst").asText()).isEqualTo("ONGELDIG_ANTWOORD");
        assertThat(result(answer, "schuld").get("toelichting").asText()).contains("schulden.totaalbedrag");
        assertThat(answer.toString()).doesNotContain("veel");
    }

    @Test
    void answerAboutSomeoneNotAskedIsInvalidAndNothingOfItIsReleased() throws Exception {
        woon.stubFor(post("/woon").willReturn(okJson("""
                {"personen":[{"bsn":"%s","huurder":true,"achterstand":{"bedrag":1.0}},
                             {"bsn":"%s","huurder":true,"achterstand":{"bedrag":99.0}}]}""".formatted(Household.CLIENT, Household.STRANGER))));

        JsonNode answer = ask(ALL_THREE);

        assertThat(result(answer, "woon").get("uitkomst").asText()).isEqualTo("ONGELDIG_ANTWOORD");
        assertThat(answer.toString()).doesNotContain(Household.STRANGER);
    }

    @Test
    void partyRefusesWithItsGround() throws Exception {
        ggz.stubFor(post("/ggz")
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"weigering":{"grond":"BEROEPSGEHEIM","motivering":"Behandelrelatie weegt zwaarder."}}""")));

        JsonNode answer = ask(ALL_THREE);

        JsonNode refused = result(answer, "ggz");
        assertThat(refused.get("uitkomst").asText()).isEqualTo("GEWEIGERD");
        assertThat(refused.get("grond").asText()).isEqualTo("BEROEPSGEHEIM");
        assertThat(refused.get("motivering").asText()).isEqualTo("Behandelrelatie weegt zwaarder.");
    }

    @Test
    void refusalWithAnUnknownGroundIsInvalid() throws Exception {
        ggz.stubFor(post("/ggz").willReturn(okJson("{\"weigering\":{\"grond\":\"GEEN_ZIN\"}}")));

        JsonNode answer = ask(ALL_THREE);

        assertThat(result(answer, "ggz").get("uitkomst").asText()).isEqualTo("ONGELDIG_ANTWOORD");
    }

    @Test
    void unknownSubjectsAreNotKnown() throws Exception {
        woon.stubFor(post("/woon").willReturn(aResponse().withStatus(404)));
        schuld.stubFor(post("/schuld").willReturn(okJson("{\"personen\":[]}")));

        JsonNode answer = ask(ALL_THREE);

        assertThat(result(answer, "woon").get("uitkomst").asText()).isEqualTo("NIET_BEKEND");
        assertThat(result(answer, "schuld").get("uitkomst").asText()).isEqualTo("NIET_BEKEND");
        assertThat(result(answer, "ggz").get("uitkomst").asText()).isEqualTo("VERSTREKT");
    }

    @Test
    void serverErrorAndConnectionResetAreNotReachable() throws Exception {
        woon.stubFor(post("/woon").willReturn(aResponse().withStatus(503)));
        schuld.stubFor(post("/schuld").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        JsonNode answer = ask(ALL_THREE);

        assertThat(result(answer, "woon").get("uitkomst").asText()).isEqualTo("NIET_BEREIKBAAR");
        assertThat(result(answer, "schuld").get("uitkomst").asText()).isEqualTo("NIET_BEREIKBAAR");
    }

    @Test
    void deadPartyIsNotReachable() throws Exception {
        JsonNode answer = ask("[{\"partij\":\"dood\",\"categorieen\":[\"bekend-bij\"]}]");

        assertThat(result(answer, "dood").get("uitkomst").asText()).isEqualTo("NIET_BEREIKBAAR");
        assertThat(result(answer, "dood").get("toelichting").asText()).contains("connection failed");
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndStopsCallingTheParty() throws Exception {
        leerplicht.stubFor(post("/leerplicht").willReturn(aResponse().withStatus(500)));
        String parties = "[{\"partij\":\"leerplicht\",\"categorieen\":[\"schoolverzuim\"]}]";

        ask(parties);
        ask(parties);
        int callsBeforeOpen = leerplicht.getAllServeEvents().size();
        JsonNode answer = ask(parties);

        assertThat(callsBeforeOpen).isEqualTo(2);
        assertThat(leerplicht.getAllServeEvents()).hasSize(2);
        assertThat(result(answer, "leerplicht").get("uitkomst").asText()).isEqualTo("NIET_BEREIKBAAR");
        assertThat(result(answer, "leerplicht").get("toelichting").asText()).contains("circuit breaker open");
    }

    @Test
    void resultCanBeFetchedAgainByItsOwnerOnly() throws Exception {
        JsonNode created = ask(ALL_THREE);
        String path = "/api/v1/gegevensverzoeken/" + created.get("id").asText();

        HttpResponse<String> own = gateway.get(path, tokens.coordinator("cw-1"));
        HttpResponse<String> other = gateway.get(path, tokens.coordinator("cw-2"));

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(own.body())).isEqualTo(created);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    }
}
