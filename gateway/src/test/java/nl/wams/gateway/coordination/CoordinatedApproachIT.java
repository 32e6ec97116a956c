package nl.wams.gateway.coordination;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.wams.adapters.PartyHttp;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.adapters.peer.PeerClient;
import nl.wams.adapters.peer.PeerProvision;
import nl.wams.gateway.federation.DemoPki;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.Polling;
import nl.wams.gateway.support.TestFederation;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestPorts;
import nl.wams.gateway.support.TestTokens;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinated approach across three gateways over real mutual TLS with signed messages: the
 * college (Gemeente Voorbeeldstad) provides data to GGZ Noordkust, minimised by its outbound
 * profile, and GGZ adopts it; in a case meeting GGZ and Woonstichting De Haven each contribute
 * (minimised by their own outbound profile) and each receives only the other's contribution; a
 * declined contribution is gone after its term; both sides' chains verify and the access reports
 * list every move.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoordinatedApproachIT {

    @RegisterExtension
    static WireMockExtension backends = Backends.wireMock();

    @TempDir
    static Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static final String CASE = "ZK-2026-0042";
    static final String LEGAL_BASIS =
            "legal-basis: { id: wmo-aanpak, text: \"Wmo 2015 (Wams): uitvoering van de gecoördineerde aanpak\" }";
    static TestFederation pki;
    static TestGateway gemeente;
    static TestGateway ggz;
    static TestGateway woon;
    static final int gemeentePeer = TestPorts.free();
    static final int ggzPeer = TestPorts.free();
    static final int woonPeer = TestPorts.free();

    @BeforeAll
    static void start() throws Exception {
        pki = TestFederation.create(dir.resolve("pki"));
        ggz = party(
                "ggz",
                new TestFederation.Org(TestFederation.GGZ),
                ggzPeer,
                gemeentePeer,
                "contactprofessional",
                "naam: /behandelaar, telefoon: /telefoon",
                "{ naam: keep }");
        woon = party(
                "woon",
                new TestFederation.Org(TestFederation.WOON),
                woonPeer,
                gemeentePeer,
                "huurachterstand",
                "bedrag: /achterstand, maanden: /maanden",
                "{ bedrag: keep }");
        gemeente = TestGateway.start(
                Files.createDirectories(dir.resolve("gemeente")),
                tokens,
                TestFederation.gemeenteRequester()
                        + """
                        purposes:
                          - id: gecoordineerde-aanpak
                            phase: aanpak
                            %s
                            categories: [contactprofessional, schulden, huurachterstand]
                        minimisation:
                          gecoordineerde-aanpak:
                            contactprofessional: { naam: keep }
                            schulden: { totaalbedrag: keep }
                            huurachterstand: { bedrag: keep }
                        outbound:
                          ggz:
                            gecoordineerde-aanpak:
                              schulden: { totaalbedrag: keep }
                        coordination: { case-retention: 1s, housekeeping: 200ms }
                        parties:
                          - id: ggz
                            name: GGZ Noordkust
                            oin: "%s"
                            domain: zorg-ggz
                            categories: [contactprofessional]
                            adapter: { type: peer, url: "https://127.0.0.1:%d/peer/v1/verzoeken" }
                          - id: woon
                            name: Woonstichting De Haven
                            oin: "%s"
                            domain: wonen
                            categories: [huurachterstand]
                            adapter: { type: peer, url: "https://127.0.0.1:%d/peer/v1/verzoeken" }
                        """.formatted(
                                LEGAL_BASIS, TestFederation.GGZ.oin(), ggzPeer, TestFederation.WOON.oin(), woonPeer)
                        + pki.block(TestFederation.GEMEENTE, gemeentePeer));
    }

    /** The parties' own systems (the extension forgets stubs after each test). */
    @org.junit.jupiter.api.BeforeEach
    void backendsAnswer() {
        backends.stubFor(post("/ggz").willReturn(okJson("""
                {"personen":[{"bsn":"%s","behandelaar":"T. Verbeek","telefoon":"0590-000000"}]}""".formatted(Household.CLIENT))));
        backends.stubFor(post("/woon").willReturn(okJson("""
                {"personen":[{"bsn":"%s","achterstand":812.5,"maanden":3}]}""".formatted(Household.CLIENT))));
    }

    /** A party's gateway: serves the college for the coordinated approach, contributes {@code category}. */
    static TestGateway party(
            String id,
            TestFederation.Org org,
            int peerPort,
            int collegePeer,
            String category,
            String mapping,
            String profile)
            throws Exception {
        return TestGateway.start(
                Files.createDirectories(dir.resolve(id)),
                tokens,
                """
                identity: { oin: "%s", name: %s, roles: [provider] }
                api: { port: 0 }
                authentication: { issuer: "%s", audience: wams-gateway, jwks-file: "${jwks}" }
                catalogue: "${catalogue}"
                purposes:
                  - id: gecoordineerde-aanpak
                    phase: aanpak
                    %s
                    categories: [%s]
                minimisation:
                  gecoordineerde-aanpak:
                    %s: %s
                outbound:
                  "%s":
                    gecoordineerde-aanpak:
                      %s: %s
                coordination: { received-term: 3s, housekeeping: 200ms }
                parties: []
                provider:
                  serves:
                    - requester-oin: "%s"
                      purposes: [gecoordineerde-aanpak]
                      url: "https://127.0.0.1:%d/peer/v1/"
                  release-policy: { %s: AUTOMATISCH }
                  backend:
                    type: rest
                    url: http://127.0.0.1:%d/%s
                    mappings:
                      %s: { %s }
                """.formatted(
                                        org.oin(),
                                        org.name(),
                                        TestTokens.ISSUER,
                                        LEGAL_BASIS,
                                        category,
                                        category,
                                        profile,
                                        TestFederation.GEMEENTE.oin(),
                                        category,
                                        profile,
                                        TestFederation.GEMEENTE.oin(),
                                        collegePeer,
                                        category,
                                        backends.getPort(),
                                        id,
                                        category,
                                        mapping)
                        + pki.block(org.org(), peerPort));
    }

    @AfterAll
    static void stop() {
        for (TestGateway g : new TestGateway[] {gemeente, ggz, woon}) {
            if (g != null) {
                g.close();
            }
        }
    }

    static String coordinator() {
        return tokens.coordinator("coord-1");
    }

    static String professional(String who) {
        return tokens.withRoles(who, "reviewer");
    }

    static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    static String caseBody(String reference, String extra) {
        return """
                {"zaakkenmerk":"%s","aanleiding":"VERZOEK_PROFESSIONAL",
                 "personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "afbakening":"Wonen en schulden; niet de opvoeding",
                 "onderzoek":{"uitkomst":"AANPAK_NODIG","reden":"Huurachterstand en schulden hangen samen"},
                 "wetten":["WMO_2015","PARTICIPATIEWET"],"aanpalendeDomeinen":["ZORG","WONEN"],
                 %s
                 "partijen":["ggz","woon"]}""".formatted(reference, Household.CLIENT, extra);
    }

    @Test
    @Order(1)
    void collegeProvidesMinimisedDataAndTheReceivingProfessionalAdoptsIt() throws Exception {
        json(
                gemeente.post(
                        "/api/v1/zaken",
                        coordinator(),
                        caseBody(
                                CASE,
                                "\"coordinator\":{\"soort\":\"GEMEENTE\",\"organisatie\":\"Gemeente Voorbeeldstad\",\"naam\":\"Sanne Jansen\"},")),
                201);

        JsonNode provided = json(
                gemeente.post(
                        "/api/v1/zaken/" + CASE + "/verstrekkingen", coordinator(), """
                        {"partij":"ggz","reden":"Afstemmen van de behandeling op het schuldhulptraject",
                         "personen":[{"bsn":"%s","gegevens":{"schulden":{"totaalbedrag":4200,"schuldhulpverleningSinds":"2025-03-01"}}}]}""".formatted(Household.CLIENT)),
                201);
        assertThat(provided.path("status").asText()).isEqualTo("ONTVANGEN");
        assertThat(provided.at("/inhoud/bericht/verwijderdeVelden").toString())
                .contains("schulden.schuldhulpverleningSinds");

        JsonNode inbox = json(ggz.get("/api/v1/ontvangen", professional("behandelaar-1")), 200);
        JsonNode received = find(inbox, "VERSTREKKING");
        assertThat(received.path("status").asText()).isEqualTo("ONTVANGEN");
        assertThat(received.at("/personen/0/gegevens/schulden/totaalbedrag").asInt())
                .isEqualTo(4200);
        assertThat(received.at("/personen/0/gegevens/schulden").has("schuldhulpverleningSinds"))
                .isFalse();
        assertThat(received.path("zaakkenmerk").asText()).isEqualTo(CASE);

        json(
                ggz.post(
                        "/api/v1/ontvangen/" + received.path("id").asText() + "/besluit",
                        professional("behandelaar-1"),
                        "{\"besluit\":\"OVERNEMEN\",\"motivering\":\"Nodig om de behandeling af te stemmen\"}"),
                200);
        JsonNode status = json(
                gemeente.get(
                        "/api/v1/zaken/" + CASE + "/verstrekkingen/"
                                + provided.path("id").asText(),
                        coordinator()),
                200);
        assertThat(status.path("status").asText()).isEqualTo("OVERGENOMEN");
        // The provision's message id is time-ordered (UUIDv7), as a data request's is, so that the
        // receiver's replay index grows at its end.
        assertThat(ggz.replayIds())
                .isNotEmpty()
                .allSatisfy(id -> assertThat(UUID.fromString(id).version()).isEqualTo(7));
    }

    @Test
    @Order(2)
    void aMeetingsContributionsReachTheOtherParticipantsOnlyAndADeclinedOneIsGoneAfterItsTerm() throws Exception {
        JsonNode meeting = json(gemeente.post("/api/v1/zaken/" + CASE + "/overleggen", coordinator(), """
                        {"datum":"2026-12-10","deelnemers":["ggz","woon"],"clientUitgenodigd":true,
                         "vertegenwoordigersUitgenodigd":false,"zwaarwegendBelang":"Geen vertegenwoordiger aangewezen",
                         "categorieen":["contactprofessional","huurachterstand"]}"""), 201);
        String ggzInvitation = find(json(ggz.get("/api/v1/ontvangen", professional("b-1")), 200), "UITNODIGING")
                .path("id")
                .asText();
        String woonInvitation = find(json(woon.get("/api/v1/ontvangen", professional("w-1")), 200), "UITNODIGING")
                .path("id")
                .asText();

        json(
                ggz.post(
                        "/api/v1/ontvangen/" + ggzInvitation + "/bijdrage",
                        professional("b-1"),
                        "{\"categorieen\":[\"contactprofessional\"],\"motivering\":\"Wie de regie heeft\"}"),
                200);
        json(
                woon.post(
                        "/api/v1/ontvangen/" + woonInvitation + "/bijdrage",
                        professional("w-1"),
                        "{\"categorieen\":[\"huurachterstand\"],\"motivering\":\"De achterstand is de aanleiding\"}"),
                200);

        // Each participant receives the other's contribution, minimised at its source, and nothing else.
        JsonNode atWoon = find(json(woon.get("/api/v1/ontvangen", professional("w-1")), 200), "BIJDRAGE");
        assertThat(atWoon.path("herkomstOin").asText()).isEqualTo(TestFederation.GGZ.oin());
        assertThat(atWoon.at("/personen/0/gegevens").toString())
                .contains("T. Verbeek")
                .doesNotContain("0590");
        assertThat(atWoon.path("verwijderdeVelden").toString()).contains("contactprofessional.telefoon");
        JsonNode atGgz = find(json(ggz.get("/api/v1/ontvangen", professional("b-1")), 200), "BIJDRAGE");
        assertThat(atGgz.path("herkomstOin").asText()).isEqualTo(TestFederation.WOON.oin());
        assertThat(atGgz.at("/personen/0/gegevens/huurachterstand").toString())
                .contains("812.5")
                .doesNotContain("maanden");

        // The college keeps both with the meeting.
        JsonNode zaak = json(gemeente.get("/api/v1/zaken/" + CASE, coordinator()), 200);
        List<String> contributions = new ArrayList<>();
        zaak.path("dossier").forEach(p -> {
            if (p.path("soort").asText().equals("BIJDRAGE")
                    && p.path("bovenliggend").asText().equals(meeting.path("id").asText())) {
                contributions.add(p.at("/inhoud/partij").asText());
            }
        });
        assertThat(contributions).containsExactlyInAnyOrder("ggz", "woon");

        // Woon declines GGZ's contribution: after the term its content is gone.
        json(
                woon.post(
                        "/api/v1/ontvangen/" + atWoon.path("id").asText() + "/besluit",
                        professional("w-1"),
                        "{\"besluit\":\"AFWIJZEN\",\"motivering\":\"Niet nodig voor onze taak\"}"),
                200);
        Polling.until(Duration.ofSeconds(20), "declined contribution deleted", () -> {
            JsonNode now = JSON.readTree(
                    woon.get("/api/v1/ontvangen/" + atWoon.path("id").asText(), professional("w-1"))
                            .body());
            return now.path("status").asText().equals("VERWIJDERD")
                    && now.path("personen").isMissingNode();
        });
        // GGZ's adopted provision stays.
        JsonNode adopted = find(json(ggz.get("/api/v1/ontvangen", professional("b-1")), 200), "VERSTREKKING");
        assertThat(adopted.path("status").asText()).isEqualTo("OVERGENOMEN");
        assertThat(adopted.path("personen").isArray()).isTrue();
    }

    @Test
    @Order(3)
    void bothSidesChainsVerifyAndTheAccessReportsListEachMove() throws Exception {
        for (TestGateway g : new TestGateway[] {gemeente, ggz, woon}) {
            JsonNode verification =
                    json(g.get("/api/v1/verwerkingen/verificatie", tokens.withRoles("fg", "auditor")), 200);
            assertThat(verification.path("intact").asBoolean())
                    .as(verification.toString())
                    .isTrue();
        }
        String gemeenteReport = accessReport(gemeente);
        assertThat(gemeenteReport)
                .contains("VERSTREKKING_VERSTUURD:VERSTREKKING")
                .contains("VERSTREKKING_ONTVANGEN:BIJDRAGE")
                .contains("VERSTREKKING_VERSTUURD:UITNODIGING")
                .contains("\"uitkomst\":\"ZAAK_GELEZEN\"")
                .doesNotContain(Household.CLIENT);
        String ggzReport = accessReport(ggz);
        assertThat(ggzReport)
                .contains("VERSTREKKING_ONTVANGEN:VERSTREKKING")
                .contains("ONTVANGST_BESLUIT:OVERGENOMEN")
                .contains("VERSTREKKING_VERSTUURD:BIJDRAGE");
        String woonReport = accessReport(woon);
        assertThat(woonReport).contains("ONTVANGST_BESLUIT:AFGEWEZEN").contains("ONTVANGST_VERWIJDERD");
    }

    @Test
    @Order(4)
    void twoSocialDomainLawsWithoutACoordinatorAreRefusedNamingTheRule() throws Exception {
        JsonNode problem = json(gemeente.post("/api/v1/zaken", coordinator(), caseBody("ZK-2026-0043", "")), 422);
        assertThat(problem.path("type").asText()).endsWith("/coordinator-verplicht");
        JsonNode waived = json(
                gemeente.post(
                        "/api/v1/zaken", coordinator(), caseBody("ZK-2026-0044", "\"coordinatorAfgezien\":true,")),
                422);
        assertThat(waived.path("type").asText()).endsWith("/afzien-coordinator-alleen-bij-hulpvraag");
        String hulpvraag =
                caseBody("ZK-2026-0045", "\"coordinatorAfgezien\":true,").replace("VERZOEK_PROFESSIONAL", "HULPVRAAG");
        assertThat(json(gemeente.post("/api/v1/zaken", coordinator(), hulpvraag), 201)
                        .path("coordinatorAfgezien")
                        .asBoolean())
                .isTrue();
    }

    @Test
    @Order(5)
    void theClientLetterNamesEveryPartyAskedAndTheRights() throws Exception {
        String asked = """
                {"doel":"gecoordineerde-aanpak","grondslag":"wmo-aanpak","fase":"aanpak","aanleiding":"VERZOEK_PROFESSIONAL",
                 "zaakkenmerk":"%s","motivering":"Afstemmen","personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "partijen":[{"partij":"ggz","categorieen":["contactprofessional"]},{"partij":"woon","categorieen":["huurachterstand"]}]}""".formatted(CASE, Household.CLIENT);
        assertThat(gemeente.post("/api/v1/gegevensverzoeken", coordinator(), asked)
                        .statusCode())
                .isIn(200, 201);
        HttpResponse<byte[]> pdf =
                gemeente.sendBytes(HttpRequest.newBuilder(gemeente.uri("/api/v1/zaken/" + CASE + "/brief"))
                        .header("Authorization", "Bearer " + coordinator())
                        .header("Accept", "application/pdf")
                        .build());
        assertThat(pdf.statusCode()).isEqualTo(200);
        String text;
        try (var document = Loader.loadPDF(pdf.body())) {
            text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
        assertThat(text)
                .contains("GGZ Noordkust")
                .contains("Woonstichting De Haven")
                .contains("Uw rechten")
                .contains("Autoriteit Persoonsgegevens")
                .contains("Sanne Jansen")
                .doesNotContain(Household.CLIENT);
        HttpResponse<String> html =
                gemeente.send(HttpRequest.newBuilder(gemeente.uri("/api/v1/zaken/" + CASE + "/brief"))
                        .header("Authorization", "Bearer " + coordinator())
                        .header("Accept", "text/html")
                        .build());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("GGZ Noordkust").contains("Uw rechten").doesNotContain(Household.CLIENT);
    }

    @Test
    @Order(6)
    void aClosedCasePastItsTermIsDeletedWithItsRecordAndNothingElse() throws Exception {
        json(
                gemeente.post(
                        "/api/v1/zaken",
                        coordinator(),
                        caseBody(
                                "ZK-2026-0050",
                                "\"coordinator\":{\"soort\":\"PARTIJ\",\"organisatie\":\"GGZ Noordkust\",\"naam\":\"Eva Visser\"},")),
                201);
        json(gemeente.post("/api/v1/zaken/ZK-2026-0050/sluiting", coordinator(), ""), 200);
        Polling.until(
                Duration.ofSeconds(20),
                "closed case deleted",
                () -> gemeente.get("/api/v1/zaken/ZK-2026-0050", coordinator()).statusCode() == 404);
        JsonNode records = json(
                gemeente.get("/api/v1/verwerkingen?zaakkenmerk=ZK-2026-0050", tokens.withRoles("fg", "auditor")), 200);
        assertThat(records.toString()).contains("ZAAK_VERWIJDERD");
        JsonNode other = json(
                gemeente.get(
                        "/api/v1/verwerkingen?zaakkenmerk=" + CASE + "&paginaGrootte=500",
                        tokens.withRoles("fg", "auditor")),
                200);
        assertThat(other.toString()).doesNotContain("ZAAK_VERWIJDERD");
        assertThat(gemeente.get("/api/v1/zaken/" + CASE, coordinator()).statusCode())
                .isEqualTo(200);
        // Running the job again (another replica, the next round) deletes and records nothing more.
        assertThat(gemeente.bean(Cases.class).deleteExpired()).isZero();
        String after = gemeente.get("/api/v1/verwerkingen?zaakkenmerk=ZK-2026-0050", tokens.withRoles("fg", "auditor"))
                .body();
        assertThat(after.split("ZAAK_VERWIJDERD", -1)).hasSize(2);
    }

    @Test
    @Order(7)
    void aMeetingInvitesItsParticipantsOnlyAndTakesContributionsFromThemOnly() throws Exception {
        int woonInvitations = count(woon, "UITNODIGING");
        int ggzInvitations = count(ggz, "UITNODIGING");
        JsonNode meeting = json(gemeente.post("/api/v1/zaken/" + CASE + "/overleggen", coordinator(), """
                        {"datum":"2026-12-17","deelnemers":["ggz"],"clientUitgenodigd":true,
                         "vertegenwoordigersUitgenodigd":true,"categorieen":["contactprofessional"]}"""), 201);
        assertThat(count(ggz, "UITNODIGING")).isEqualTo(ggzInvitations + 1);
        assertThat(count(woon, "UITNODIGING")).isEqualTo(woonInvitations);

        // Woon's gateway, trusted in the federation but no participant, contributes anyway: refused, not kept.
        PeerProvision uninvited = new PeerProvision(
                PeerProvision.Kind.BIJDRAGE,
                "woon-ongevraagd-1",
                CASE,
                "gecoordineerde-aanpak",
                null,
                meeting.path("id").asText(),
                "2026-12-17",
                null,
                "Ongevraagd",
                List.of("huurachterstand"),
                List.of(new PeerAnswer.Person(
                        Household.CLIENT, Map.of("huurachterstand", Map.of("bedrag", JSON.valueToTree(1))))),
                List.of());
        PartyHttp.Exchange refused =
                peerSend(TestFederation.WOON, gemeentePeer, "bijdragen", TestFederation.GEMEENTE, uninvited);
        assertThat(((PartyHttp.Exchange.Received) refused).status()).isEqualTo(400);
        JsonNode zaak = json(gemeente.get("/api/v1/zaken/" + CASE, coordinator()), 200);
        List<String> kept = new ArrayList<>();
        zaak.path("dossier").forEach(p -> {
            if (p.path("soort").asText().equals("BIJDRAGE")
                    && p.path("bovenliggend").asText().equals(meeting.path("id").asText())) {
                kept.add(p.path("id").asText());
            }
        });
        assertThat(kept).as("contributions kept with the meeting").isEmpty();
    }

    @Test
    @Order(8)
    void aProvisionFromAnOrganisationTheReceiverDoesNotServeIsRefusedAndNotKept() throws Exception {
        int before = json(ggz.get("/api/v1/ontvangen", professional("b-1")), 200)
                .path("ontvangen")
                .size();
        PeerProvision fromWoon = new PeerProvision(
                PeerProvision.Kind.VERSTREKKING,
                "woon-verstrekking-1",
                CASE,
                "gecoordineerde-aanpak",
                null,
                null,
                null,
                null,
                "Niet bediend",
                List.of("huurachterstand"),
                List.of(new PeerAnswer.Person(
                        Household.CLIENT, Map.of("huurachterstand", Map.of("bedrag", JSON.valueToTree(1))))),
                List.of());
        PartyHttp.Exchange.Received refused = (PartyHttp.Exchange.Received)
                peerSend(TestFederation.WOON, ggzPeer, "verstrekkingen", TestFederation.GGZ, fromWoon);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("niet-bediend");
        assertThat(json(ggz.get("/api/v1/ontvangen", professional("b-1")), 200)
                        .path("ontvangen")
                        .size())
                .isEqualTo(before);
    }

    @Test
    @Order(9)
    void badCaseInputIsA400NamingTheFieldAndNeverEchoingIt() throws Exception {
        JsonNode elfproef = json(
                gemeente.post(
                        "/api/v1/zaken",
                        coordinator(),
                        caseBody("ZK-2026-0060", "\"coordinatorAfgezien\":false,")
                                .replace(Household.CLIENT, Household.INVALID)),
                400);
        assertThat(elfproef.toString()).contains("personen[0].bsn").doesNotContain(Household.INVALID);
        JsonNode unknown =
                json(gemeente.post("/api/v1/zaken", coordinator(), caseBody("ZK-2026-0061", "\"geheim\":\"x\",")), 400);
        assertThat(unknown.path("type").asText()).endsWith("/ongeldig-verzoek");
        JsonNode law = json(
                gemeente.post(
                        "/api/v1/zaken",
                        coordinator(),
                        caseBody("ZK-2026-0062", "").replace("\"WMO_2015\"", "\"WET_ONBEKEND\"")),
                400);
        assertThat(law.path("type").asText()).endsWith("/ongeldig-verzoek");
        assertThat(gemeente.get("/api/v1/zaken/ZK-2026-0060", coordinator()).statusCode())
                .isEqualTo(404);
        JsonNode untyped = json(
                gemeente.post(
                        "/api/v1/zaken/" + CASE + "/verstrekkingen", coordinator(), """
                        {"partij":"ggz","reden":"Afstemmen",
                         "personen":[{"bsn":"%s","gegevens":{"schulden":{"totaalbedrag":"heel veel"}}}]}""".formatted(Household.CLIENT)),
                400);
        assertThat(untyped.path("type").asText()).endsWith("/gegevens-buiten-catalogus");
        assertThat(untyped.toString()).doesNotContain("heel veel").doesNotContain(Household.CLIENT);
    }

    /** Sends a provision as {@code from}'s gateway would: its TLS key, its signature, to {@code to}'s peer listener. */
    static PartyHttp.Exchange peerSend(
            DemoPki.Organisation from, int port, String path, DemoPki.Organisation to, PeerProvision provision)
            throws Exception {
        String jws = pki.messages()
                .signProvision(pki.signer(from), to.oin(), UUID.randomUUID().toString(), provision);
        return new PeerClient(pki.client(from.id() + "-tls.p12"), Duration.ofSeconds(5))
                .send(
                        URI.create("https://127.0.0.1:" + port + "/peer/v1/" + path),
                        jws,
                        UUID.randomUUID().toString());
    }

    static int count(TestGateway gateway, String kind) throws Exception {
        int n = 0;
        for (JsonNode item :
                json(gateway.get("/api/v1/ontvangen", professional("x")), 200).path("ontvangen")) {
            n += item.path("soort").asText().equals(kind) ? 1 : 0;
        }
        return n;
    }

    static String accessReport(TestGateway g) throws Exception {
        HttpResponse<String> response = g.send(HttpRequest.newBuilder(g.uri("/api/v1/inzageverzoeken"))
                .header("Authorization", "Bearer " + tokens.withRoles("fg", "auditor"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bsn\":\"" + Household.CLIENT + "\"}"))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    static JsonNode find(JsonNode inbox, String kind) {
        for (JsonNode item : inbox.path("ontvangen")) {
            if (item.path("soort").asText().equals(kind)) {
                return item;
            }
        }
        throw new AssertionError("no " + kind + " in " + inbox.path("ontvangen").size() + " items");
    }
}
