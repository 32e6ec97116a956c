package nl.wams.gateway.federation;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.ManagementPort;
import nl.wams.gateway.support.TestFederation;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestPorts;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A professional decides: the municipality's request waits (IN_BEHANDELING) until the mental
 * health institution's reviewer releases or refuses it, or its term runs out; restarts of either
 * gateway lose nothing.
 */
class ReviewIT {

    @RegisterExtension
    static WireMockExtension epd = Backends.wireMock();

    @TempDir
    static Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static TestFederation pki;
    static int ggzPeerPort;
    static int woonPeerPort;
    static TestGateway ggz;
    static TestGateway woon;
    static TestGateway requester;

    static final String PURPOSES = TestFederation.ONDERZOEK;

    /** GGZ's management port; its test certificates expire in five days, within the 30 days it warns. */
    static final ManagementPort GGZ_MANAGEMENT = ManagementPort.free();

    static TestGateway provider(String id, TestFederation.Org org, int peerPort, String term) throws Exception {
        String management = id.equals("ggz")
                ? "management: { port: " + GGZ_MANAGEMENT.port() + ", certificate-warning-days: 30 }\n"
                : "";
        return TestGateway.start(
                Files.createDirectories(dir.resolve(id)),
                tokens,
                """
                identity: { oin: "%s", name: %s, roles: [provider] }
                api: { port: 0 }
                authentication: { issuer: "%s", audience: wams-gateway, jwks-file: "${jwks}" }
                catalogue: "${catalogue}"
                %s
                parties: []
                provider:
                  serves:
                    - requester-oin: "%s"
                      purposes: [onderzoek]
                  release-policy: { bekend-bij: AUTOMATISCH, contactprofessional: BEOORDELING, ggz-behandeling: BEOORDELING }
                  review-term: %s
                  expiry-check: 200ms
                  backend:
                    type: rest
                    url: http://127.0.0.1:%d/epd
                    mappings:
                      bekend-bij: { bekend: /inZorg }
                      contactprofessional: { naam: /behandelaar }
                      ggz-behandeling: { inBehandeling: /inZorg }
                """.formatted(
                                        org.oin(),
                                        org.name(),
                                        TestTokens.ISSUER,
                                        PURPOSES,
                                        TestFederation.GEMEENTE.oin(),
                                        term,
                                        epd.getPort())
                        + pki.block(org.org(), false)
                                .replace(
                                        "trust.p12\", password: changeit }\n",
                                        "trust.p12\", password: changeit }\n  listener: { host: 127.0.0.1, port: "
                                                + peerPort + " }\n")
                        + management);
    }

    @Test
    void readinessWarnsBeforeAFederationCertificateExpires() throws Exception {
        HttpResponse<String> response = GGZ_MANAGEMENT.get("/actuator/health/readiness");

        assertThat(response.statusCode()).isEqualTo(200); // still valid: a warning, not down
        JsonNode keys = JSON.readTree(response.body()).at("/components/federationKeys");
        assertThat(keys.path("status").asText()).isEqualTo("UP");
        assertThat(keys.at("/details/warning").asText()).contains("expires within 30 days");
        assertThat(keys.at("/details/certificates/TLS/daysLeft").asInt()).isBetween(0, 5);
    }

    static TestGateway requester() throws Exception {
        return TestGateway.start(
                Files.createDirectories(dir.resolve("gemeente")),
                tokens,
                """
                identity: { oin: "%s", name: Gemeente Voorbeeldstad, roles: [requester] }
                api: { port: 0 }
                authentication: { issuer: "%s", audience: wams-gateway, jwks-file: "${jwks}" }
                catalogue: "${catalogue}"
                %s
                review-polling: { first: 200ms, max-interval: 1s, every: 100ms }
                parties:
                  - id: ggz
                    name: GGZ Noordkust
                    oin: "%s"
                    domain: zorg-ggz
                    categories: [bekend-bij, contactprofessional, ggz-behandeling]
                    adapter: { type: peer, url: "https://127.0.0.1:%d/peer/v1/verzoeken" }
                  - id: ggz-traag
                    name: GGZ met korte termijn
                    oin: "%s"
                    domain: zorg-ggz
                    categories: [bekend-bij, contactprofessional]
                    adapter: { type: peer, url: "https://127.0.0.1:%d/peer/v1/verzoeken" }
                  - id: niet-gevraagd
                    name: Niet gevraagd
                    oin: "00000099000000000909"
                    domain: welzijn
                    categories: [bekend-bij]
                    adapter: { type: rest, url: "http://127.0.0.1:9/x", mappings: { bekend-bij: { bekend: /x } } }
                """.formatted(
                                        TestFederation.GEMEENTE.oin(),
                                        TestTokens.ISSUER,
                                        PURPOSES,
                                        TestFederation.GGZ.oin(),
                                        ggzPeerPort,
                                        TestFederation.WOON.oin(),
                                        woonPeerPort)
                        + pki.block(TestFederation.GEMEENTE, false));
    }

    @BeforeAll
    static void start() throws Exception {
        pki = TestFederation.create(dir.resolve("pki"));
        ggzPeerPort = TestPorts.free();
        woonPeerPort = TestPorts.free();
        ggz = provider("ggz", new TestFederation.Org(TestFederation.GGZ), ggzPeerPort, "10m");
        woon = provider("woon", new TestFederation.Org(TestFederation.WOON), woonPeerPort, "1s");
        requester = requester();
    }

    @BeforeEach
    void knownClient() {
        epd.stubFor(post("/epd").willReturn(okJson("""
                {"personen":[{"bsn":"%s","inZorg":true,"behandelaar":"T. Verbeek"}]}""".formatted(Household.CLIENT))));
    }

    @AfterAll
    static void stop() {
        requester.close();
        ggz.close();
        woon.close();
    }

    static String ask(String party, String categories) throws Exception {
        HttpResponse<String> response =
                requester.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), """
                {"doel":"onderzoek","grondslag":"wmo-onderzoek","fase":"onderzoek","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"Z-REV","personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "partijen":[{"partij":"%s","categorieen":%s}],
                 "motivering":"Noodzakelijk om de behandeling af te stemmen met de schuldhulp."}""".formatted(
                                Household.CLIENT, party, categories));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.at("/resultaten/0/uitkomst").asText()).isEqualTo("IN_BEHANDELING");
        return answer.get("id").asText();
    }

    static JsonNode reviewer(TestGateway provider, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(provider.uri(path))
                .header("Authorization", "Bearer " + tokens.withRoles("behandelaar-1", "reviewer"));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = provider.send(request.build());
        return JSON.createObjectNode()
                .put("status", response.statusCode())
                .set("body", response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    /** Decides on the review of the requester's request {@code requestId}. */
    static final Map<String, String> KNOWN = new ConcurrentHashMap<>();

    static JsonNode decide(TestGateway provider, String requestId, String decision) throws Exception {
        return reviewer(
                provider, "POST", "/api/v1/beoordelingen/" + reviewId(provider, requestId) + "/besluit", decision);
    }

    /**
     * The provider's own id of the review of the requester's request: the inbox lists it next to
     * the requester's transaction id (the provider never takes a peer's id as its own).
     */
    static String reviewId(TestGateway provider, String requestId) throws Exception {
        JsonNode inbox = reviewer(provider, "GET", "/api/v1/beoordelingen?paginaGrootte=500", null);
        for (JsonNode review : inbox.at("/body/beoordelingen")) {
            if (review.path("transactieId").asText().equals(requestId)) {
                assertThat(review.path("id").asText()).isNotEqualTo(requestId);
                KNOWN.put(requestId, review.path("id").asText());
                return review.path("id").asText();
            }
        }
        // Decided reviews leave the inbox; their id is then the one remembered from before.
        return KNOWN.getOrDefault(requestId, "unknown-" + requestId);
    }

    /** Polls the requester's status resource until the party's outcome is final (bounded). */
    static JsonNode finalResult(TestGateway gateway, String id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode last;
        do {
            HttpResponse<String> response = gateway.get("/api/v1/gegevensverzoeken/" + id, tokens.coordinator("cw-1"));
            last = JSON.readTree(response.body());
            if (response.statusCode() == 200
                    && !"IN_BEHANDELING"
                            .equals(last.at("/resultaten/0/uitkomst").asText())) {
                return last.at("/resultaten/0");
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no final outcome within 30 s: " + last);
    }

    @Test
    void pendingThenReleasedByTheReviewer() throws Exception {
        String id = ask("ggz", "[\"contactprofessional\"]");
        // Operators see the backlog (wams_reviews_open, wams_reviews_oldest_age_seconds).
        MeterRegistry metrics = ggz.bean(MeterRegistry.class);
        assertThat(metrics.get("wams.reviews.open").gauge().value()).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.get("wams.reviews.oldest.age").gauge().value()).isGreaterThanOrEqualTo(0.0);

        JsonNode inbox = reviewer(ggz, "GET", "/api/v1/beoordelingen", null);
        assertThat(inbox.get("status").asInt()).isEqualTo(200);
        assertThat(inbox.at("/body/beoordelingen"))
                .anySatisfy(r -> assertThat(r.get("transactieId").asText()).isEqualTo(id));
        JsonNode detail = reviewer(ggz, "GET", "/api/v1/beoordelingen/" + reviewId(ggz, id), null)
                .get("body");
        assertThat(detail.get("aanvragerOin").asText()).isEqualTo(TestFederation.GEMEENTE.oin());
        assertThat(detail.get("motivering").asText()).startsWith("Noodzakelijk");
        assertThat(detail.at("/personen/0/bsn").asText()).isEqualTo(Household.CLIENT);
        assertThat(detail.get("uiterlijkOp").asText()).isNotBlank();

        JsonNode decided = decide(ggz, id, "{\"besluit\":\"VRIJGEVEN\",\"categorieen\":[\"contactprofessional\"]}");
        assertThat(decided.get("status").asInt()).isEqualTo(200);
        assertThat(decided.at("/body/status").asText()).isEqualTo("VRIJGEGEVEN");
        assertThat(decided.at("/body/beoordelaar").asText()).isEqualTo("behandelaar-1");

        JsonNode result = finalResult(requester, id);
        assertThat(result.get("uitkomst").asText()).isEqualTo("VERSTREKT");
        assertThat(result.at("/personen/0/gegevens/contactprofessional/naam").asText())
                .isEqualTo("T. Verbeek");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ZWAARWEGENDE_REDENEN", "BEROEPSGEHEIM", "NIET_NOODZAKELIJK"})
    void refusedByTheReviewerWithEachGround(String ground) throws Exception {
        String id = ask("ggz", "[\"ggz-behandeling\"]");

        JsonNode decided = decide(
                ggz,
                id,
                "{\"besluit\":\"WEIGEREN\",\"grond\":\"" + ground
                        + "\",\"motivering\":\"Afweging door de regiebehandelaar.\"}");

        assertThat(decided.get("status").asInt()).isEqualTo(200);
        JsonNode result = finalResult(requester, id);
        assertThat(result.get("uitkomst").asText()).isEqualTo("GEWEIGERD");
        assertThat(result.get("grond").asText()).isEqualTo(ground);
        assertThat(result.get("motivering").asText()).isEqualTo("Afweging door de regiebehandelaar.");
    }

    @Test
    void aRefusalNeedsAValidGroundAndAMotivationAndADecisionIsFinal() throws Exception {
        String id = ask("ggz", "[\"ggz-behandeling\"]");

        assertThat(decide(ggz, id, "{\"besluit\":\"WEIGEREN\",\"grond\":\"BEROEPSGEHEIM\"}")
                        .get("status")
                        .asInt())
                .isEqualTo(400);
        assertThat(decide(ggz, id, "{\"besluit\":\"WEIGEREN\",\"grond\":\"GEEN_ZIN\",\"motivering\":\"x\"}")
                        .get("status")
                        .asInt())
                .isEqualTo(400);
        assertThat(decide(ggz, id, "{\"besluit\":\"WEIGEREN\",\"grond\":\"BEROEPSGEHEIM\",\"motivering\":\"Geheim.\"}")
                        .get("status")
                        .asInt())
                .isEqualTo(200);
        JsonNode again = decide(ggz, id, "{\"besluit\":\"VRIJGEVEN\",\"categorieen\":[\"ggz-behandeling\"]}");
        assertThat(again.get("status").asInt()).isEqualTo(409);
        assertThat(again.at("/body/type").asText()).endsWith("/al-besloten");
        assertThat(reviewer(ggz, "GET", "/api/v1/beoordelingen", null)
                        .get("status")
                        .asInt())
                .isEqualTo(200);
        assertThat(reviewer(requester, "GET", "/api/v1/beoordelingen", null)
                        .get("status")
                        .asInt())
                .isEqualTo(404);
    }

    @Test
    void anUndecidedReviewClosesAsNotAnsweredAfterItsTerm() throws Exception {
        String id = ask("ggz-traag", "[\"contactprofessional\"]");

        JsonNode result = finalResult(requester, id);

        assertThat(result.get("uitkomst").asText()).isEqualTo("NIET_BEANTWOORD");
    }

    @Test
    void restartsOfEitherGatewayLoseNothing() throws Exception {
        String id = ask("ggz", "[\"contactprofessional\"]");

        ggz.close();
        ggz = provider("ggz", new TestFederation.Org(TestFederation.GGZ), ggzPeerPort, "10m");
        requester.close();
        requester = requester();

        JsonNode inbox = reviewer(ggz, "GET", "/api/v1/beoordelingen?paginaGrootte=500", null);
        assertThat(inbox.at("/body/beoordelingen"))
                .anySatisfy(r -> assertThat(r.get("transactieId").asText()).isEqualTo(id));
        assertThat(decide(ggz, id, "{\"besluit\":\"VRIJGEVEN\",\"categorieen\":[\"contactprofessional\"]}")
                        .get("status")
                        .asInt())
                .isEqualTo(200);
        assertThat(finalResult(requester, id).get("uitkomst").asText()).isEqualTo("VERSTREKT");
    }
}
