package nl.wams.gateway.cli;

import static nl.wams.gateway.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README walkthrough, step by step, against the demo federation started the way the README
 * starts it ({@code demo --reset}), so the README cannot silently go stale. Uses the demo's own
 * ports (8091-8094, 8443-8445, 9443-9445): do not run it while a demo is running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {

    static final Path CONFIG = Path.of("../config/demo");
    static final Path REQUESTS = CONFIG.resolve("requests");
    static final String CACERT = "../certs-example/root-ca.crt.pem";
    static final String GATEWAY = "https://127.0.0.1:8443";
    static final ObjectMapper JSON = new ObjectMapper();

    static DemoCommand.DemoFederation demo;
    static Path data;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startTheDemo() throws Exception {
        demo = DemoCommand.DemoFederation.start(CONFIG, true);
        data = demo.dataDir;
    }

    @AfterAll
    static void stopTheDemo() {
        demo.close();
    }

    static CliRunner.Result request(String... args) {
        String[] all = new String[args.length + 7];
        all[0] = "request";
        all[1] = "--gateway";
        all[2] = GATEWAY;
        all[3] = "--token";
        all[4] = data.resolve("coordinator.token").toString();
        all[5] = "--cacert";
        all[6] = CACERT;
        System.arraycopy(args, 0, all, 7, args.length);
        return run(all);
    }

    static JsonNode json(String... args) throws Exception {
        String[] withJson = new String[args.length + 1];
        System.arraycopy(args, 0, withJson, 0, args.length);
        withJson[args.length] = "--json";
        return JSON.readTree(request(withJson).out());
    }

    static JsonNode party(JsonNode answer, String id) {
        for (JsonNode r : answer.path("resultaten")) {
            if (r.path("partij").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no " + id + " in " + answer);
    }

    @Test
    @Order(1)
    void step1ExplorationWhoKnowsThisHousehold() throws Exception {
        var table = request(REQUESTS.resolve("verkenning.json").toString());
        JsonNode answer = json(REQUESTS.resolve("verkenning.json").toString());

        assertThat(table.out()).contains("ggz-noordkust").contains("woonstichting-de-haven");
        assertThat(party(answer, "ggz-noordkust").path("uitkomst").asText()).isEqualTo("VERSTREKT");
        assertThat(party(answer, "ggz-noordkust")
                        .at("/personen/0/gegevens/contactprofessional/naam")
                        .asText())
                .isEqualTo("T. Verbeek");
        assertThat(party(answer, "woonstichting-de-haven").path("uitkomst").asText())
                .isEqualTo("GEDEELTELIJK_VERSTREKT");
        assertThat(party(answer, "woonstichting-de-haven")
                        .at("/personen/0/gegevens/bekend-bij/bekend")
                        .asBoolean())
                .isTrue();
    }

    @Test
    @Order(2)
    void step2InvestigationWithPartialRelease() throws Exception {
        JsonNode answer = json(REQUESTS.resolve("onderzoek.json").toString());

        JsonNode woon = party(answer, "woonstichting-de-haven");
        assertThat(woon.path("uitkomst").asText()).isEqualTo("GEDEELTELIJK_VERSTREKT");
        assertThat(woon.path("verwijderdeVelden"))
                .extracting(JsonNode::asText)
                .contains("huurachterstand.ontruimingAangezegd");
        assertThat(woon.at("/personen/0/gegevens/huurachterstand/bedrag").asDouble())
                .isEqualTo(1250.5);
        JsonNode schuld = party(answer, "schuldhulp-voorbeeldstad");
        assertThat(schuld.path("verwijderdeVelden"))
                .extracting(JsonNode::asText)
                .containsExactly("schulden.beslaglegging");
    }

    @Test
    @Order(3)
    void step3AProfessionalRefusesWithProfessionalSecrecy() throws Exception {
        JsonNode pending = json(REQUESTS.resolve("onderzoek-ggz.json").toString());
        String id = pending.path("id").asText();
        assertThat(party(pending, "ggz-noordkust").path("uitkomst").asText()).isEqualTo("IN_BEHANDELING");

        HttpClient client = HttpClient.newBuilder()
                .sslContext(RequestCommand.trusting(Path.of(CACERT)))
                .build();
        String reviewer =
                "Bearer " + Files.readString(data.resolve("ggz-reviewer.token")).strip();
        HttpResponse<String> inbox = client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:8444/api/v1/beoordelingen"))
                        .header("Authorization", reviewer)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(inbox.body()).contains("\"transactieId\":\"" + id + "\"");
        // As the README does it: the inbox's own id of the (one) open review.
        String reviewId = new ObjectMapper()
                .readTree(inbox.body())
                .at("/beoordelingen/0/id")
                .asText();
        assertThat(reviewId).isNotEqualTo(id);
        HttpResponse<String> decided = client.send(
                HttpRequest.newBuilder(
                                URI.create("https://127.0.0.1:8444/api/v1/beoordelingen/" + reviewId + "/besluit"))
                        .header("Authorization", reviewer)
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"besluit\":\"WEIGEREN\",\"grond\":\"BEROEPSGEHEIM\","
                                                + "\"motivering\":\"De behandelrelatie weegt zwaarder; de cliënt stemt niet in.\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);

        var table = request("--id", id, "--wait", "30");
        assertThat(table.out()).contains("GEWEIGERD").contains("BEROEPSGEHEIM: De behandelrelatie weegt zwaarder");
    }

    @Test
    @Order(4)
    void step4TheMunicipalitysOwnGatewayRefuses() {
        var refused =
                request(REQUESTS.resolve("geweigerd-bijzondere-gegevens.json").toString());

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).contains("\"status\":422").contains("bijzondere-gegevens");
    }

    @Test
    @Order(5)
    void step5AuditLogsAreIntactUntilSomeoneTampers() throws Exception {
        for (String gateway : new String[] {"gemeente", "ggz-noordkust", "woonstichting-de-haven"}) {
            var verify = run(
                    "audit",
                    "verify",
                    "--config",
                    CONFIG.resolve(gateway + ".yml").toString());
            assertThat(verify.code()).as(gateway + ": " + verify.out()).isZero();
            assertThat(verify.out()).contains("INTACT");
        }
        // The README's tampering, done with JDBC instead of the H2 shell.
        String url = "jdbc:h2:file:" + data.resolve("gemeente/audit").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(
                            "UPDATE audit_record SET outcome = 'VERSTREKT' WHERE node_id = 'gemeente-1' AND seq = 5"))
                    .isEqualTo(1);
        }

        var broken = run(
                "audit", "verify", "--config", CONFIG.resolve("gemeente.yml").toString());

        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN: node gemeente-1 seq 5").contains("content does not match its hash");
    }

    @Test
    @Order(6)
    void step6TheCitizensAccessReport() throws Exception {
        Path html = tmp.resolve("inzage-999990019.html");

        var report = run(
                "audit",
                "subject-report",
                "--config",
                CONFIG.resolve("gemeente.yml").toString(),
                "--bsn",
                "999990019",
                "--out",
                html.toString());

        assertThat(report.code()).isZero();
        assertThat(Files.readString(html))
                .contains("Overzicht verwerkingen van uw gegevens")
                .contains("GGZ Noordkust")
                .contains("Woonstichting De Haven")
                .contains("BEROEPSGEHEIM")
                .doesNotContain("999990019");
    }

    /** One HTTPS call of the README, with the demo CA trusted. */
    static HttpResponse<String> call(String method, String url, String tokenFile, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header(
                        "Authorization",
                        "Bearer " + Files.readString(data.resolve(tokenFile)).strip())
                .header("Content-Type", "application/json");
        request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return https().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A client that trusts the demo CA, as the README's curl does with --cacert. */
    static HttpClient https() throws Exception {
        return HttpClient.newBuilder()
                .sslContext(RequestCommand.trusting(Path.of(CACERT)))
                .build();
    }

    static String idOf(HttpResponse<String> inbox, String kind) throws Exception {
        for (JsonNode item : JSON.readTree(inbox.body()).path("ontvangen")) {
            if (item.path("soort").asText().equals(kind)) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError("no " + kind + " received");
    }

    @Test
    @Order(7)
    void step7TheCoordinatedApproach() throws Exception {
        String zaken = GATEWAY + "/api/v1/zaken";
        HttpResponse<String> zaak =
                call("POST", zaken, "coordinator.token", Files.readString(REQUESTS.resolve("zaak.json")));
        assertThat(zaak.statusCode()).as(zaak.body()).isEqualTo(201);

        HttpResponse<String> provided = call(
                "POST",
                zaken + "/VBS-2026-0042/verstrekkingen",
                "coordinator.token",
                Files.readString(REQUESTS.resolve("verstrekking.json")));
        assertThat(provided.statusCode()).as(provided.body()).isEqualTo(201);
        assertThat(provided.body()).contains("\"status\":\"ONTVANGEN\"").contains("schulden.schuldhulpverleningSinds");

        String ggz = "https://127.0.0.1:8444/api/v1/ontvangen";
        String item = idOf(call("GET", ggz, "ggz-reviewer.token", null), "VERSTREKKING");
        HttpResponse<String> adopted = call(
                "POST",
                ggz + "/" + item + "/besluit",
                "ggz-reviewer.token",
                "{\"besluit\":\"OVERNEMEN\",\"motivering\":\"Nodig om de behandeling af te stemmen op het schuldhulptraject.\"}");
        assertThat(adopted.body()).contains("\"status\":\"OVERGENOMEN\"");

        HttpResponse<String> meeting = call(
                "POST",
                zaken + "/VBS-2026-0042/overleggen",
                "coordinator.token",
                Files.readString(REQUESTS.resolve("overleg.json")));
        assertThat(meeting.statusCode()).as(meeting.body()).isEqualTo(201);
        String invite = idOf(call("GET", ggz, "ggz-reviewer.token", null), "UITNODIGING");
        HttpResponse<String> contributed = call(
                "POST",
                ggz + "/" + invite + "/bijdrage",
                "ggz-reviewer.token",
                "{\"categorieen\":[\"contactprofessional\"],\"motivering\":\"Wie de behandeling coördineert.\"}");
        assertThat(contributed.body()).as(contributed.body()).contains("\"status\":\"BIJGEDRAGEN\"");
        assertThat(call("GET", zaken + "/VBS-2026-0042", "coordinator.token", null)
                        .body())
                .contains("\"soort\":\"BIJDRAGE\"")
                .contains("T. Verbeek")
                .doesNotContain("\"telefoon\":");

        // The client letter of the README's case names every organisation asked in steps 1 to 3 and the rights.
        HttpResponse<byte[]> pdf = https().send(
                        HttpRequest.newBuilder(URI.create(zaken + "/VBS-2026-0042/brief"))
                                .header(
                                        "Authorization",
                                        "Bearer "
                                                + Files.readString(data.resolve("coordinator.token"))
                                                        .strip())
                                .header("Accept", "application/pdf")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        String text;
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            text = new org.apache.pdfbox.text.PDFTextStripper()
                    .getText(document)
                    .replaceAll("\\s+", " ");
        }
        assertThat(text)
                .contains("GGZ Noordkust")
                .contains("Woonstichting De Haven")
                .contains("Stadsbank Voorbeeldstad")
                .contains("beroepsgeheim")
                .contains("Sanne Jansen")
                .contains("Uw rechten")
                .contains("Autoriteit Persoonsgegevens")
                .doesNotContain("999990019");
    }

    @Test
    @Order(8)
    void step8TheReportingPoint() throws Exception {
        HttpResponse<String> reported = https().send(
                        HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/meldpunt/meldingen"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        Files.readString(REQUESTS.resolve("melding.json"))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
        assertThat(reported.body()).contains("\"status\":\"ontvangen\"");
        String reference = JSON.readTree(reported.body()).get("referentie").asText();

        String signals = GATEWAY + "/api/v1/meldpunt/signalen";
        assertThat(call("GET", signals, "meldpunt.token", null).body()).contains(reference);
        assertThat(call(
                                "POST",
                                signals + "/" + reference + "/beoordeling",
                                "meldpunt.token",
                                "{\"urgentie\":\"MIDDEL\",\"levensdomeinen\":[\"GEZONDHEID\",\"WELZIJN\"],"
                                        + "\"toelichting\":\"Huisbezoek gewenst\"}")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> wijkteam = call(
                "POST",
                signals + "/" + reference + "/doorgeleidingen",
                "meldpunt.token",
                "{\"loket\":\"wijkteam-voorbeeldstad\"}");
        assertThat(wijkteam.body()).as(wijkteam.body()).contains("\"status\":\"AANGENOMEN\"", "WT-2026-0117");
        HttpResponse<String> ggz = call(
                "POST",
                signals + "/" + reference + "/doorgeleidingen",
                "meldpunt.token",
                "{\"loket\":\"ggz-noordkust-aanmelding\"}");
        assertThat(ggz.body()).as(ggz.body()).contains("\"status\":\"IN_AFWACHTING\"");

        HttpResponse<String> held = call("GET", "https://127.0.0.1:8444/api/v1/ontvangen", "ggz-reviewer.token", null);
        String item = idOf(held, "MELDING");
        String detail = call("GET", "https://127.0.0.1:8444/api/v1/ontvangen/" + item, "ggz-reviewer.token", null)
                .body();
        assertThat(detail).contains("buurman").doesNotContain("Havenstraat", "06-00000000", "Peeters");

        HttpResponse<String> status = https().send(
                        HttpRequest.newBuilder(
                                        URI.create(GATEWAY + "/api/v1/meldpunt/meldingen/" + reference + "/status"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(status.body()).contains("doorgeleid").doesNotContain("wijkteam", "GGZ");
    }
}
