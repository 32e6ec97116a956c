package nl.wams.gateway.meldpunt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.Polling;
import nl.wams.gateway.support.StandInLoket;
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

/**
 * The reporting point for non-acute care on a real gateway (Gemeente Voorbeeldstad) with four
 * desks: a neighbourhood team behind REST (WireMock), a debt desk behind SOAP (a real CXF
 * service), GGZ Noordkust's own gateway (mutual TLS, signed messages) and a GGD desk that is down.
 * Citizens report without an account, professionals after logging in; staff assess, link and
 * route; every desk receives only its profile's fields; the person's access report lists the
 * signal and its routing and never the reporter.
 */
class MeldpuntIT {

    @RegisterExtension
    static WireMockExtension backends = Backends.wireMock();

    @TempDir
    static Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static final String LEGAL_BASIS =
            "legal-basis: { id: wmo-meldpunt, text: \"Wmo 2015 (Wams): meldpunt niet-acute zorg\" }";
    static TestFederation pki;
    static TestGateway gemeente;
    static TestGateway ggz;
    static StandInLoket schuldhulp;
    static final int ggzPeer = TestPorts.free();
    static final int gemeentePeer = TestPorts.free();
    static final int ggdDown = TestPorts.free();

    @BeforeAll
    static void start() throws Exception {
        pki = TestFederation.create(dir.resolve("pki"));
        schuldhulp = StandInLoket.start(dir.resolve("schuldhulp"));
        ggz = TestGateway.start(
                Files.createDirectories(dir.resolve("ggz")),
                tokens,
                """
                identity: { oin: "%s", name: GGZ Noordkust, roles: [provider] }
                api: { port: 0 }
                authentication: { issuer: "%s", audience: wams-gateway, jwks-file: "${jwks}" }
                catalogue: "${catalogue}"
                %s
                parties: []
                provider:
                  serves:
                    - requester-oin: "%s"
                      purposes: [onderzoek]
                  release-policy: { bekend-bij: AUTOMATISCH }
                  backend:
                    type: rest
                    url: http://127.0.0.1:%d/epd
                    mappings:
                      bekend-bij: { bekend: /inZorg }
                """.formatted(
                                        TestFederation.GGZ.oin(),
                                        TestTokens.ISSUER,
                                        TestFederation.ONDERZOEK
                                                .replace(
                                                        "categories: [bekend-bij, contactprofessional, ggz-behandeling]",
                                                        "categories: [bekend-bij]")
                                                .replace("    contactprofessional: { naam: keep }\n", "")
                                                .replace("    ggz-behandeling: { inBehandeling: keep }\n", ""),
                                        TestFederation.GEMEENTE.oin(),
                                        backends.getPort())
                        + pki.block(TestFederation.GGZ, ggzPeer));
        gemeente = TestGateway.start(
                Files.createDirectories(dir.resolve("gemeente")),
                tokens,
                TestFederation.gemeenteRequester()
                        + """
                        purposes:
                          - id: verkenning
                            phase: verkenning
                            legal-basis: { id: wmo-verkenning, text: "Wmo 2015 (Wams): verkenning" }
                            categories: [bekend-bij]
                        minimisation:
                          verkenning:
                            bekend-bij: { bekend: keep }
                        parties: []
                        meldpunt:
                          name: Meldpunt Zorg en Overlast Voorbeeldstad
                          %s
                          required: [naam]
                          first-contact: 3d
                          rate-limit: { requests: 1000, per: 10m }
                          not-routed-term: 2s
                          routed-term: 1d
                          housekeeping: 200ms
                          desks:
                            - id: wijkteam
                              name: Wijkteam Voorbeeldstad
                              oin: "00000099000000000501"
                              adapter: { type: rest, url: "http://127.0.0.1:%d/wijkteam/meldingen" }
                              fields: { zorgen: keep, sinds: year, bsn: keep, naam: keep, adres: keep, urgentie: keep, levensdomeinen: keep }
                            - id: schuldhulp
                              name: Schuldhulpverlening Voorbeeldstad
                              oin: "00000099000000000303"
                              adapter: { type: soap, url: "%s" }
                              fields: { zorgen: keep, urgentie: keep, levensdomeinen: keep }
                            - id: ggz-loket
                              name: GGZ Noordkust (aanmelding)
                              oin: "%s"
                              adapter: { type: peer, url: "https://127.0.0.1:%d/peer/v1/verzoeken" }
                              fields: { zorgen: keep, bsn: keep, naam: keep, urgentie: keep }
                            - id: ggd
                              name: GGD Noordkust
                              oin: "00000099000000000601"
                              timeout: 1s
                              adapter: { type: rest, url: "http://127.0.0.1:%d/ggd" }
                              fields: { zorgen: keep }
                        """.formatted(
                                        LEGAL_BASIS,
                                        backends.getPort(),
                                        schuldhulp.url(),
                                        TestFederation.GGZ.oin(),
                                        ggzPeer,
                                        ggdDown)
                        + pki.block(TestFederation.GEMEENTE, gemeentePeer));
    }

    @BeforeEach
    void wijkteamTakesSignalsOn() {
        backends.stubFor(post("/wijkteam/meldingen")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"referentie\":\"WT-2026-17\"}")));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {gemeente, ggz, schuldhulp}) {
            if (c != null) {
                c.close();
            }
        }
    }

    static final String CONCERN = "Mijn buurvrouw komt al weken de deur niet uit en de brievenbus puilt uit.";

    static String signal(String bsn, String concern) {
        return """
                {"overZichzelf":false,
                 "persoon":{"naam":"A. de Vries","adres":"Dorpsstraat 1, Voorbeeldstad"%s},
                 "zorgen":"%s","sinds":"2026-09-01","acuut":false,
                 "melder":{"contact":{"toestemming":true,"naam":"J. Jansen","telefoon":"06-12345678"}}}""".formatted(bsn == null ? "" : ",\"bsn\":\"" + bsn + "\"", concern);
    }

    static HttpResponse<String> publicPost(String body) throws Exception {
        return gemeente.send(HttpRequest.newBuilder(gemeente.uri("/api/v1/meldpunt/meldingen"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    static HttpResponse<String> publicGet(String path) throws Exception {
        return gemeente.send(HttpRequest.newBuilder(gemeente.uri(path))
                .header("Accept", "application/json")
                .GET()
                .build());
    }

    static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    static String staff() {
        return tokens.withRoles("meldpunt-1", "meldpunt");
    }

    static String report(String bsn, String concern) throws Exception {
        return json(publicPost(signal(bsn, concern)), 201).get("referentie").asText();
    }

    static JsonNode assess(String reference) throws Exception {
        return json(
                gemeente.post(
                        "/api/v1/meldpunt/signalen/" + reference + "/beoordeling",
                        staff(),
                        "{\"urgentie\":\"MIDDEL\",\"levensdomeinen\":[\"WELZIJN\",\"ZELFREDZAAMHEID\"],"
                                + "\"meerInformatieNodig\":false,\"toelichting\":\"Huisbezoek wijkteam gewenst\"}"),
                200);
    }

    static HttpResponse<String> route(String reference, String desk) throws Exception {
        return gemeente.post(
                "/api/v1/meldpunt/signalen/" + reference + "/doorgeleidingen", staff(), "{\"loket\":\"" + desk + "\"}");
    }

    static JsonNode dossier(String reference) throws Exception {
        return json(gemeente.get("/api/v1/meldpunt/signalen/" + reference, staff()), 200);
    }

    @Test
    void aCitizenReportsWithoutAnAccountAndTheStatusLookupShowsNothingButTheStatus() throws Exception {
        HttpResponse<String> created = publicPost(signal(Household.CLIENT, CONCERN));
        JsonNode received = json(created, 201);
        String reference = received.get("referentie").asText();
        assertThat(reference).matches("M-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat(received.get("status").asText()).isEqualTo("ontvangen");
        assertThat(created.headers().firstValue("Location"))
                .hasValue("/api/v1/meldpunt/meldingen/" + reference + "/status");

        HttpResponse<String> status = publicGet("/api/v1/meldpunt/meldingen/" + reference + "/status");
        JsonNode found = json(status, 200);
        assertThat(found.size()).isEqualTo(2);
        assertThat(found.get("status").asText()).isEqualTo("ontvangen");
        assertThat(status.body())
                .doesNotContain(Household.CLIENT, "Vries", "Dorpsstraat", "buurvrouw", "Jansen", "wijkteam");

        HttpResponse<String> unknown = publicGet("/api/v1/meldpunt/meldingen/M-AAAA-BBBB-CCCC/status");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(publicGet("/api/v1/meldpunt/meldingen/zomaar-iets/status").statusCode())
                .isEqualTo(404);
    }

    @Test
    void refusesEveryBrokenIntakeRuleByFieldWithoutEchoingAValue() throws Exception {
        HttpResponse<String> response = publicPost("""
                {"persoon":{"adres":"Geheimstraat 9","bsn":"123456789"},
                 "zorgen":"  ","sinds":"2999-01-01",
                 "melder":{"bsn":"111111111","contact":{"toestemming":false,"telefoon":"0612345678"}}}""");
        JsonNode problem = json(response, 400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        problem.get("invalidParams").forEach(p -> fields.add(p.get("name").asText()));
        assertThat(fields).contains("zorgen", "persoon.naam", "persoon.bsn", "sinds", "melder.contact", "melder.bsn");
        assertThat(response.body()).doesNotContain("123456789", "Geheimstraat", "0612345678", "111111111");

        assertThat(json(publicPost(signal(null, "Zorgen\\u0007met een belletje")), 400)
                        .toString())
                .contains("platte tekst");
        assertThat(json(publicPost("{\"zorgen\":\"x\",\"onbekend\":1}"), 400)
                        .get("detail")
                        .asText())
                .doesNotContain("x");
        assertThat(json(publicPost(signal(null, CONCERN).replace("2026-09-01", "1 september")), 400)
                        .toString())
                .contains("sinds");
        assertThat(json(
                                publicPost(signal(null, CONCERN)
                                        .replace(
                                                "\"toestemming\":true,\"naam\":\"J. Jansen\",\"telefoon\":\"06-12345678\"",
                                                "\"toestemming\":true")),
                                400)
                        .toString())
                .contains("melder.contact");
        assertThat(publicPost("niet eens json").statusCode()).isEqualTo(400);
    }

    @Test
    void anAcuteSignalIsAnsweredWithTheEmergencyNumbersAndNotTakenIn() throws Exception {
        int before = json(gemeente.get("/api/v1/meldpunt/signalen", staff()), 200)
                .get("meldingen")
                .size();
        JsonNode answer = json(
                publicPost(signal(Household.CLIENT, "Er is nu gevaar").replace("\"acuut\":false", "\"acuut\":true")),
                200);
        assertThat(answer.get("acuut").asBoolean()).isTrue();
        assertThat(answer.get("advies").asText()).contains("112", "0800-2000", "113");
        assertThat(answer.has("referentie")).isFalse();
        assertThat(json(gemeente.get("/api/v1/meldpunt/signalen", staff()), 200).get("meldingen"))
                .hasSize(before);
    }

    @Test
    void aProfessionalReportsWithTheOrganisationRecordedAndOnlyWithTheMelderRole() throws Exception {
        String body = signal(null, CONCERN)
                .replace("\"melder\":{", "\"melder\":{\"organisatie\":\"Huisartsenpraktijk Centrum\",");
        JsonNode created =
                json(gemeente.post("/api/v1/meldpunt/beroepsmeldingen", tokens.withRoles("ha-1", "melder"), body), 201);
        JsonNode dossier = dossier(created.get("referentie").asText());
        assertThat(dossier.get("kanaal").asText()).isEqualTo("PROFESSIONAL");
        assertThat(dossier.at("/melding/melder/organisatie").asText()).isEqualTo("Huisartsenpraktijk Centrum");

        assertThat(json(
                                gemeente.post(
                                        "/api/v1/meldpunt/beroepsmeldingen",
                                        tokens.withRoles("ha-1", "melder"),
                                        signal(null, CONCERN)),
                                400)
                        .toString())
                .contains("melder.organisatie");
        assertThat(gemeente.post("/api/v1/meldpunt/beroepsmeldingen", tokens.coordinator("c-1"), body)
                        .statusCode())
                .isEqualTo(403);
        assertThat(publicGet("/api/v1/meldpunt/signalen").statusCode()).isEqualTo(401);
        assertThat(gemeente.get("/api/v1/meldpunt/signalen", tokens.withRoles("ha-1", "melder"))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void staffSeeNewSignalsOldestFirstWithTheFirstContactDeadline() throws Exception {
        String first = report(null, CONCERN);
        String second = report(null, CONCERN);
        JsonNode list =
                json(gemeente.get("/api/v1/meldpunt/signalen", staff()), 200).get("meldingen");
        List<String> order = new ArrayList<>();
        list.forEach(s -> order.add(s.get("referentie").asText()));
        assertThat(order.indexOf(first)).isLessThan(order.indexOf(second));
        JsonNode line = list.get(order.indexOf(first));
        assertThat(Duration.between(
                        java.time.Instant.parse(line.get("ontvangenOp").asText()),
                        java.time.Instant.parse(
                                line.get("eersteContactUiterlijk").asText())))
                .isEqualTo(Duration.ofDays(3));
        assertThat(line.get("termijnOverschreden").asBoolean()).isFalse();
        assertThat(list.toString()).doesNotContain("Vries", "buurvrouw");
    }

    @Test
    void routesToARestDeskOnlyWhatItsProfileAllowsAndRecordsItsAcknowledgement() throws Exception {
        String reference = report(Household.CLIENT, CONCERN);
        assertThat(json(route(reference, "wijkteam"), 409).get("type").asText()).endsWith("melding-niet-beoordeeld");
        assess(reference);

        JsonNode routing = json(route(reference, "wijkteam"), 201);
        assertThat(routing.get("status").asText()).isEqualTo("AANGENOMEN");
        assertThat(routing.get("loketReferentie").asText()).isEqualTo("WT-2026-17");

        LoggedRequest sent = backends.findAll(postRequestedFor(urlEqualTo("/wijkteam/meldingen"))).stream()
                .filter(r -> r.getBodyAsString().contains(reference))
                .findFirst()
                .orElseThrow();
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertThat(body.get("doel").asText()).isEqualTo("meldpunt-doorgeleiding");
        assertThat(body.get("grondslag").asText()).isEqualTo("wmo-meldpunt");
        assertThat(body.at("/melding/bsn").asText()).isEqualTo(Household.CLIENT);
        assertThat(body.at("/melding/gegevens/sinds").asText()).isEqualTo("2026");
        assertThat(body.at("/melding/gegevens/urgentie").asText()).isEqualTo("middel");
        assertThat(body.at("/melding/gegevens").has("melderContact")).isFalse();
        assertThat(body.at("/melding/verwijderd").toString()).contains("melding.melderContact", "melding.soortMelder");
        assertThat(sent.getBodyAsString()).doesNotContain("J. Jansen", "06-12345678");

        JsonNode dossier = dossier(reference);
        assertThat(dossier.get("status").asText()).isEqualTo("DOORGELEID");
        assertThat(json(publicGet("/api/v1/meldpunt/meldingen/" + reference + "/status"), 200)
                        .toString())
                .contains("doorgeleid")
                .doesNotContain("wijkteam", "Wijkteam", "WT-2026-17");
        JsonNode log = json(
                gemeente.get(
                        "/api/v1/verwerkingen?zaakkenmerk=" + reference + "&paginaGrootte=100",
                        tokens.withRoles("fg", "auditor")),
                200);
        List<String> events = new ArrayList<>();
        log.get("verwerkingen").forEach(v -> events.add(v.get("gebeurtenis").asText()));
        assertThat(events)
                .contains("MELDING_ONTVANGEN", "MELDING_BEOORDEELD", "MELDING_DOORGELEID", "MELDING_LOKETANTWOORD");
        assertThat(log.toString()).doesNotContain(Household.CLIENT, "Jansen", "buurvrouw");
    }

    @Test
    void routesToADeskThatRunsItsOwnGatewayWithOneFieldRemovedAndLearnsItsDecision() throws Exception {
        String reference = report(Household.CLIENT, CONCERN);
        assess(reference);
        JsonNode routing = json(route(reference, "ggz-loket"), 201);
        assertThat(routing.get("status").asText()).isEqualTo("IN_AFWACHTING");

        String professional = tokens.withRoles("behandelaar-1", "reviewer");
        JsonNode inbox = json(ggz.get("/api/v1/ontvangen", professional), 200);
        JsonNode item = null;
        for (JsonNode o : inbox.get("ontvangen")) {
            if ("MELDING".equals(o.get("soort").asText())
                    && reference.equals(o.get("zaakkenmerk").asText())) {
                item = o;
            }
        }
        assertThat(item).as(inbox.toString()).isNotNull();
        JsonNode detail = json(ggz.get("/api/v1/ontvangen/" + item.get("id").asText(), professional), 200);
        JsonNode fields = detail.at("/personen/0/gegevens/melding");
        assertThat(detail.at("/personen/0/bsn").asText()).isEqualTo(Household.CLIENT);
        assertThat(fields.get("zorgen").asText()).isEqualTo(CONCERN);
        assertThat(fields.has("adres")).isFalse();
        assertThat(detail.get("verwijderdeVelden").toString()).contains("melding.adres");
        assertThat(detail.get("doel").asText()).isEqualTo("meldpunt-doorgeleiding");

        json(
                ggz.post(
                        "/api/v1/ontvangen/" + item.get("id").asText() + "/besluit",
                        professional,
                        "{\"besluit\":\"OVERNEMEN\",\"motivering\":\"Aanmelding ambulant team\"}"),
                200);
        Polling.until(
                Duration.ofSeconds(20),
                "the desk's decision reaches the reporting point",
                () -> "AANGENOMEN"
                        .equals(dossier(reference)
                                .at("/doorgeleidingen/0/status")
                                .asText()));
        assertThat(dossier(reference).at("/doorgeleidingen/0/loket").asText()).isEqualTo("ggz-loket");
    }

    @Test
    void routesToASoapDeskAndShowsItsRefusalThenItsAcceptance() throws Exception {
        String refused = report(null, "Graag afwijzen: dit hoort niet bij schuldhulp");
        assess(refused);
        JsonNode refusal = json(route(refused, "schuldhulp"), 201);
        assertThat(refusal.get("status").asText()).isEqualTo("AFGEWEZEN");
        assertThat(refusal.get("reden").asText()).contains("Niet onze doelgroep");
        assertThat(dossier(refused).get("status").asText()).isEqualTo("IN_BEOORDELING");

        String taken = report(Household.CLIENT, "Betalingsachterstanden stapelen zich op");
        assess(taken);
        JsonNode acceptance = json(route(taken, "schuldhulp"), 201);
        assertThat(acceptance.get("status").asText()).isEqualTo("AANGENOMEN");
        assertThat(acceptance.get("loketReferentie").asText()).startsWith("SCHULD-");
        StandInLoket.Received received = schuldhulp.received().stream()
                .filter(r -> r.reference().equals(taken))
                .findFirst()
                .orElseThrow();
        assertThat(received.bsn()).isNull();
        assertThat(received.fields()).containsOnlyKeys("zorgen", "urgentie", "levensdomeinen");
        assertThat(received.fields().get("levensdomeinen")).isEqualTo("[\"welzijn\",\"zelfredzaamheid\"]");
        assertThat(received.removed()).contains("melding.naam", "melding.bsn");
    }

    @Test
    void aDeskThatIsDownLeavesTheSignalRoutableAndNothingIsLost() throws Exception {
        String reference = report(Household.CLIENT, CONCERN);
        assess(reference);
        JsonNode down = json(route(reference, "ggd"), 201);
        assertThat(down.get("status").asText()).isEqualTo("NIET_BEREIKBAAR");
        JsonNode dossier = dossier(reference);
        assertThat(dossier.get("status").asText()).isEqualTo("IN_BEOORDELING");
        assertThat(dossier.at("/melding/zorgen").asText()).isEqualTo(CONCERN);

        assertThat(json(route(reference, "wijkteam"), 201).get("status").asText())
                .isEqualTo("AANGENOMEN");
        assertThat(dossier(reference).get("doorgeleidingen"))
                .extracting(r -> r.get("loket").asText() + ":" + r.get("status").asText())
                .containsExactly("ggd:NIET_BEREIKBAAR", "wijkteam:AANGENOMEN");
        assertThat(json(route(reference, "bestaat-niet"), 400).toString()).contains("loket");
    }

    @Test
    void repeatedSignalsAboutOnePersonAreLinkedByPseudonym() throws Exception {
        String bsn = Household.FAMILY_MEMBER;
        String first = report(bsn, CONCERN);
        String second = report(bsn, "Opnieuw zorgen over dezelfde buurvrouw");
        assertThat(dossier(second).get("andereMeldingenOverPersoon"))
                .extracting(s -> s.get("referentie").asText())
                .contains(first);

        String withoutBsn = report(null, "Zelfde persoon, BSN niet bekend bij de melder");
        assertThat(dossier(withoutBsn).get("andereMeldingenOverPersoon")).isEmpty();
        json(
                gemeente.post(
                        "/api/v1/meldpunt/signalen/" + withoutBsn + "/koppeling",
                        staff(),
                        "{\"melding\":\"" + first + "\"}"),
                200);
        assertThat(dossier(withoutBsn).get("andereMeldingenOverPersoon"))
                .extracting(s -> s.get("referentie").asText())
                .contains(first, second);

        String other = report(Household.CLIENT, CONCERN);
        assertThat(json(
                                gemeente.post(
                                        "/api/v1/meldpunt/signalen/" + other + "/koppeling",
                                        staff(),
                                        "{\"melding\":\"" + first + "\"}"),
                                409)
                        .get("type")
                        .asText())
                .endsWith("andere-persoon");
        assertThat(gemeente.post(
                                "/api/v1/meldpunt/signalen/" + other + "/koppeling",
                                staff(),
                                "{\"zaak\":\"ZK-BESTAAT-NIET\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void theAccessReportOfThePersonListsTheSignalAndItsRoutingButNeverTheReporter() throws Exception {
        String bsn = Household.STRANGER;
        String reporterBsn = "999990056";
        String body = signal(bsn, CONCERN).replace("\"melder\":{", "\"melder\":{\"bsn\":\"" + reporterBsn + "\",");
        String reference = json(publicPost(body), 201).get("referentie").asText();
        assess(reference);
        json(route(reference, "wijkteam"), 201);

        JsonNode report = accessReport(bsn);
        assertThat(report.toString())
                .contains("meldpunt", "MELDING_ONTVANGEN", "MELDING_DOORGELEID", "Wijkteam Voorbeeldstad")
                .contains("Wmo 2015 (Wams): meldpunt niet-acute zorg")
                .doesNotContain("Jansen", "06-12345678", "burger", reporterBsn, "MELDING_GEDAAN");

        JsonNode reporters = accessReport(reporterBsn);
        assertThat(reporters.get("verwerkingen")).hasSize(1);
        assertThat(reporters.toString())
                .contains("MELDING_GEDAAN")
                .doesNotContain("MELDING_DOORGELEID", "Wijkteam", bsn);
    }

    static JsonNode accessReport(String bsn) throws Exception {
        return json(
                gemeente.send(HttpRequest.newBuilder(gemeente.uri("/api/v1/inzageverzoeken"))
                        .header("Authorization", "Bearer " + tokens.withRoles("fg-1", "auditor"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"bsn\":\"" + bsn + "\"}"))
                        .build()),
                200);
    }

    @Test
    void aSignalClosedWithoutRoutingIsDeletedAfterItsTermWithAnAuditRecord() throws Exception {
        String reference = report(null, CONCERN);
        assertThat(json(
                                gemeente.post(
                                        "/api/v1/meldpunt/signalen/" + reference + "/sluiting",
                                        staff(),
                                        "{\"reden\":\"ANDERS\"}"),
                                400)
                        .toString())
                .contains("toelichting");
        JsonNode closed = json(
                gemeente.post(
                        "/api/v1/meldpunt/signalen/" + reference + "/sluiting",
                        staff(),
                        "{\"reden\":\"AFGEHANDELD_DOOR_MELDPUNT\",\"toelichting\":\"Melder geadviseerd\"}"),
                200);
        assertThat(closed.get("status").asText()).isEqualTo("GESLOTEN");
        assertThat(closed.has("verwijderdNa")).isTrue();
        assertThat(json(route(reference, "wijkteam"), 409).get("type").asText()).endsWith("melding-gesloten");

        Polling.until(
                Duration.ofSeconds(20),
                "the closed signal is deleted after its term",
                () -> publicGet("/api/v1/meldpunt/meldingen/" + reference + "/status")
                                .statusCode()
                        == 404);
        JsonNode log = json(
                gemeente.get(
                        "/api/v1/verwerkingen?zaakkenmerk=" + reference + "&paginaGrootte=100",
                        tokens.withRoles("fg", "auditor")),
                200);
        assertThat(log.toString()).contains("MELDING_GESLOTEN", "MELDING_VERWIJDERD");
        assertThat(gemeente.get("/api/v1/meldpunt/signalen/" + reference, staff())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theLogStillVerifies() throws Exception {
        report(Household.CLIENT, CONCERN);
        JsonNode verification =
                json(gemeente.get("/api/v1/verwerkingen/verificatie", tokens.withRoles("fg", "auditor")), 200);
        assertThat(verification.path("intact").asBoolean())
                .as(verification.toString())
                .isTrue();
    }
}
