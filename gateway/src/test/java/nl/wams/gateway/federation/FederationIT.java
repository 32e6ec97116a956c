package nl.wams.gateway.federation;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.wams.gateway.api.PeerListener;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditRecord;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.TestFederation;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways on loopback with real mutual TLS: the municipality asks the mental health
 * institution's gateway, which releases automatically (minimised at the source), refuses where
 * it never releases, and holds health contact details for a professional.
 */
class FederationIT {

    @RegisterExtension
    static WireMockExtension ggzBackend = Backends.wireMock();

    @TempDir
    static Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static TestFederation pki;
    static TestGateway provider;
    static TestGateway requester;
    static int peerPort;

    static final String PURPOSES = """
            purposes:
              - id: onderzoek
                phase: onderzoek
                legal-basis: { id: wmo-onderzoek, text: "Wmo 2015 (Wams): onderzoek" }
                categories: [bekend-bij, ggz-behandeling, lopende-voorzieningen, contactprofessional]
                special-categories-allowed: true
            """;

    @BeforeAll
    static void start() throws Exception {
        pki = TestFederation.create(dir.resolve("pki"));
        provider = TestGateway.start(
                Files.createDirectories(dir.resolve("ggz")),
                tokens,
                """
                identity: { oin: "%s", name: GGZ Noordkust, roles: [provider] }
                api: { port: 0 }
                authentication: { issuer: "%s", audience: wams-gateway, jwks-file: "${jwks}" }
                catalogue: "${catalogue}"
                %s
                minimisation:
                  onderzoek:
                    bekend-bij: { bekend: keep }
                    ggz-behandeling: { inBehandeling: keep, startdatum: year }
                    lopende-voorzieningen: { voorzieningen: count }
                    contactprofessional: { naam: keep }
                parties: []
                provider:
                  serves:
                    - requester-oin: "%s"
                      purposes: [onderzoek]
                  release-policy:
                    bekend-bij: AUTOMATISCH
                    ggz-behandeling: AUTOMATISCH
                    contactprofessional: BEOORDELING
                    lopende-voorzieningen: NOOIT
                  backend:
                    type: rest
                    url: http://127.0.0.1:%d/epd
                    mappings:
                      bekend-bij: { bekend: /inZorg }
                      ggz-behandeling: { inBehandeling: /inZorg, soortZorg: /zorgsoort, startdatum: /start }
                      contactprofessional: { naam: /behandelaar }
                """.formatted(
                                        TestFederation.GGZ.oin(),
                                        TestTokens.ISSUER,
                                        PURPOSES,
                                        TestFederation.GEMEENTE.oin(),
                                        ggzBackend.getPort())
                        + pki.block(TestFederation.GGZ, true));
        peerPort = provider.bean(PeerListener.class).port();
        requester = TestGateway.start(
                Files.createDirectories(dir.resolve("gemeente")),
                tokens,
                """
                identity: { oin: "%s", name: Gemeente Voorbeeldstad, roles: [requester] }
                api: { port: 0 }
                authentication: { issuer: "%s", audience: wams-gateway, jwks-file: "${jwks}" }
                catalogue: "${catalogue}"
                %s
                minimisation:
                  onderzoek:
                    bekend-bij: { bekend: keep }
                    ggz-behandeling: { inBehandeling: keep, startdatum: keep }
                    lopende-voorzieningen: { voorzieningen: keep }
                    contactprofessional: { naam: keep }
                parties:
                  - id: ggz-noordkust
                    name: GGZ Noordkust
                    oin: "%s"
                    domain: zorg-ggz
                    categories: [bekend-bij, ggz-behandeling, lopende-voorzieningen, contactprofessional, schulden]
                    timeout: 5s
                    adapter:
                      type: peer
                      url: https://127.0.0.1:%d/peer/v1/verzoeken
                """.formatted(
                                        TestFederation.GEMEENTE.oin(),
                                        TestTokens.ISSUER,
                                        PURPOSES,
                                        TestFederation.GGZ.oin(),
                                        peerPort)
                        + pki.block(TestFederation.GEMEENTE, false));
    }

    @AfterAll
    static void stop() {
        requester.close();
        provider.close();
    }

    @BeforeEach
    void knownClient() {
        ggzBackend.stubFor(post("/epd").willReturn(okJson("""
                {"personen":[{"bsn":"%s","inZorg":true,"zorgsoort":"klinische opname","start":"2025-03-01",
                 "behandelaar":"T. Verbeek"}]}""".formatted(Household.CLIENT))));
    }

    static JsonNode ask(String categories, int expectedStatus) throws Exception {
        String body = """
                {"doel":"onderzoek","grondslag":"wmo-onderzoek","fase":"onderzoek","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"Z-FED","personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "partijen":[{"partij":"ggz-noordkust","categorieen":%s}],
                 "motivering":"Noodzakelijk om de samenhang met de schulden te beoordelen."}""".formatted(Household.CLIENT, categories);
        HttpResponse<String> response = requester.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body()).get("resultaten").get(0);
    }

    static List<AuditRecord> records(TestGateway gateway) throws Exception {
        AuditStore store = gateway.bean(AuditStore.class);
        List<AuditRecord> records = new ArrayList<>();
        for (String node : store.nodes()) {
            store.forEachRecord(node, records::add);
        }
        return records;
    }

    @Test
    void partialReleaseMinimisedAtTheSourceAndVerified() throws Exception {
        JsonNode result = ask("[\"bekend-bij\",\"ggz-behandeling\"]", 201);

        assertThat(result.get("uitkomst").asText()).isEqualTo("GEDEELTELIJK_VERSTREKT");
        assertThat(result.get("verwijderdeVelden")).extracting(JsonNode::asText).contains("ggz-behandeling.soortZorg");
        JsonNode data = result.at("/personen/0/gegevens");
        assertThat(data.at("/ggz-behandeling/inBehandeling").asBoolean()).isTrue();
        assertThat(data.at("/ggz-behandeling/startdatum").asInt()).isEqualTo(2025);
        assertThat(result.toString()).doesNotContain("klinische opname");
        assertThat(records(provider))
                .extracting(r -> r.entry().event())
                .contains(AuditEvent.PEER_VERZOEK_ONTVANGEN, AuditEvent.PEER_ANTWOORD_VERSTUURD);
        assertThat(records(provider))
                .filteredOn(r -> r.entry().event() == AuditEvent.PEER_ANTWOORD_VERSTUURD)
                .allSatisfy(r -> assertThat(r.entry().requesterOin()).isEqualTo(TestFederation.GEMEENTE.oin()));
    }

    /**
     * The provider marks each request id used in the commit of its record of receipt, one id per
     * received request, and the requester's ids are time-ordered (UUIDv7), so that replay index
     * grows at its end.
     */
    @Test
    void theProviderKeepsOneTimeOrderedRequestIdPerReceivedRequest() throws Exception {
        ask("[\"bekend-bij\"]", 201);

        assertThat(provider.replayIds())
                .hasSize((int) records(provider).stream()
                        .filter(r -> r.entry().event() == AuditEvent.PEER_VERZOEK_ONTVANGEN)
                        .count())
                .isNotEmpty()
                .allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
    }

    @Test
    void categoryTheProviderNeverReleasesIsRefusedWithItsGround() throws Exception {
        JsonNode result = ask("[\"lopende-voorzieningen\"]", 201);

        assertThat(result.get("uitkomst").asText()).isEqualTo("GEWEIGERD");
        assertThat(result.get("grond").asText()).isEqualTo("GEEN_GRONDSLAG");
        assertThat(records(requester)).anySatisfy(r -> {
            assertThat(r.entry().event()).isEqualTo(AuditEvent.ANTWOORD_GEWEIGERD);
            assertThat(r.entry().ground()).isEqualTo("GEEN_GRONDSLAG");
        });
    }

    @Test
    void categoryForAProfessionalIsPending() throws Exception {
        JsonNode result = ask("[\"contactprofessional\"]", 202);

        assertThat(result.get("uitkomst").asText()).isEqualTo("IN_BEHANDELING");
    }

    @Test
    void notKnownAtTheSource() throws Exception {
        ggzBackend.stubFor(post("/epd").willReturn(okJson("{\"personen\":[]}")));

        assertThat(ask("[\"bekend-bij\"]", 201).get("uitkomst").asText()).isEqualTo("NIET_BEKEND");
    }
}
