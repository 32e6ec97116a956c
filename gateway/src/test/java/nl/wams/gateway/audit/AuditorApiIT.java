package nl.wams.gateway.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.wams.gateway.cli.CliRunner;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.GatewayExtension;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After a few requests: the auditor reads the log through the API, the citizen's access report
 * lists every processing, and exports are valid Logboek lines and VNG Verwerkingsacties.
 */
class AuditorApiIT {

    @RegisterExtension
    static WireMockExtension ggz = Backends.wireMock();

    @RegisterExtension
    static WireMockExtension woon = Backends.wireMock();

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();

    @RegisterExtension
    @Order(Backends.AFTER_BACKENDS)
    static final GatewayExtension gateway = GatewayExtension.of(
            tokens,
            () -> TestGateway.requesterHeader("Gemeente Testdorp") + """
                purposes:
                  - id: onderzoek
                    phase: onderzoek
                    legal-basis: { id: wmo-onderzoek, text: "Wmo 2015 (Wams): onderzoek" }
                    categories: [bekend-bij, ggz-behandeling, huurachterstand]
                    special-categories-allowed: true
                minimisation:
                  onderzoek:
                    bekend-bij: { bekend: keep }
                    ggz-behandeling: { inBehandeling: keep }
                    huurachterstand: { bedrag: keep }
                parties:
                  - id: ggz
                    name: GGZ Test
                    oin: "00000099000000000101"
                    domain: zorg-ggz
                    categories: [bekend-bij, ggz-behandeling]
                    adapter:
                      type: rest
                      url: http://127.0.0.1:%d/ggz
                      mappings:
                        bekend-bij: { bekend: /inZorg }
                        ggz-behandeling: { inBehandeling: /inZorg }
                  - id: woon
                    name: Woon Test
                    oin: "00000099000000000202"
                    domain: wonen
                    categories: [bekend-bij, huurachterstand]
                    adapter:
                      type: rest
                      url: http://127.0.0.1:%d/woon
                      mappings:
                        bekend-bij: { bekend: /huurder }
                        huurachterstand: { bedrag: /bedrag, maanden: /maanden }
                  - id: derde
                    name: Derde
                    oin: "00000099000000000303"
                    domain: welzijn
                    categories: [bekend-bij]
                    adapter:
                      type: rest
                      url: http://127.0.0.1:9/x
                      mappings:
                        bekend-bij: { bekend: /x }
                """.formatted(ggz.getPort(), woon.getPort()));

    @BeforeAll
    static void start() throws Exception {
        ggz.stubFor(post("/ggz")
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"weigering\":{\"grond\":\"BEROEPSGEHEIM\",\"motivering\":\"Behandelrelatie.\"}}")));
        woon.stubFor(post("/woon")
                .willReturn(okJson(
                        "{\"personen\":[{\"bsn\":\"" + Household.CLIENT + "\",\"bedrag\":812.5,\"maanden\":2}]}")));
        String motivated = """
                {"doel":"onderzoek","grondslag":"wmo-onderzoek","fase":"onderzoek","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"Z-AUD","personen":[{"bsn":"%s","rol":"CLIENT"},{"bsn":"%s","rol":"GEZINSLID"}],
                 "partijen":[{"partij":"ggz","categorieen":["ggz-behandeling"]},
                             {"partij":"woon","categorieen":["huurachterstand"]}],
                 "motivering":"Noodzakelijk om de samenhang met de huurachterstand te beoordelen."}""".formatted(Household.CLIENT, Household.FAMILY_MEMBER);
        assertThat(gateway.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), motivated)
                        .statusCode())
                .isEqualTo(201);
        String unmotivated =
                motivated.replaceFirst(",\\s*\"motivering\":\"[^\"]*\"", "").replace("Z-AUD", "Z-REF");
        assertThat(gateway.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), unmotivated)
                        .statusCode())
                .isEqualTo(422);
    }

    static JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> response = gateway.get(path, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void auditorFiltersAndPagesTheLog() throws Exception {
        String auditor = tokens.withRoles("fg-1", "auditor");

        JsonNode all = get("/api/v1/verwerkingen?zaakkenmerk=Z-AUD&paginaGrootte=3", auditor);
        JsonNode refused = get("/api/v1/verwerkingen?uitkomst=GEWEIGERD&partij=ggz", auditor);
        JsonNode policy = get("/api/v1/verwerkingen?zaakkenmerk=Z-REF", auditor);

        // received, 2 x sent, ggz refusal, 2 x woon per person, released
        assertThat(all.get("totaal").asInt()).isEqualTo(7);
        assertThat(all.get("verwerkingen")).hasSize(3);
        assertThat(refused.get("verwerkingen")).singleElement().satisfies(v -> {
            assertThat(v.get("grond").asText()).isEqualTo("BEROEPSGEHEIM");
            assertThat(v.get("motivering").asText()).isEqualTo("Behandelrelatie.");
            assertThat(v.get("gebeurtenis").asText()).isEqualTo("ANTWOORD_GEWEIGERD");
        });
        assertThat(policy.get("verwerkingen")).singleElement().satisfies(v -> {
            assertThat(v.get("gebeurtenis").asText()).isEqualTo("VERZOEK_GEWEIGERD");
            assertThat(v.get("grond").asText()).isEqualTo("BIJZONDERE_GEGEVENS");
        });
        assertThat(all.toString()).doesNotContain(Household.CLIENT).doesNotContain(Household.FAMILY_MEMBER);
    }

    @Test
    void onlyAuditorsReadTheLogAndBadFiltersAre400() throws Exception {
        assertThat(gateway.get("/api/v1/verwerkingen", tokens.coordinator("cw-1"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> bad =
                gateway.get("/api/v1/verwerkingen?van=gisteren", tokens.withRoles("fg-1", "auditor"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("ongeldig-verzoek");
        assertThat(gateway.get("/api/v1/verwerkingen?paginaGrootte=100000", tokens.withRoles("fg-1", "auditor"))
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void accessReportListsEveryProcessingOfThatPersonAndIsItselfRecorded() throws Exception {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/api/v1/inzageverzoeken"))
                .header("Authorization", "Bearer " + tokens.withRoles("fg-1", "auditor"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bsn\":\"" + Household.FAMILY_MEMBER + "\"}"))
                .build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("persoon").asText()).isEqualTo("*****0032");
        assertThat(report.get("verwerkingsverantwoordelijke").asText()).isEqualTo("Gemeente Testdorp");
        assertThat(report.get("verwerkingen")).hasSize(2);
        JsonNode first = report.get("verwerkingen").get(0);
        assertThat(first.get("grondslagTekst").asText()).isEqualTo("Wmo 2015 (Wams): onderzoek");
        assertThat(first.get("partijen"))
                .extracting(
                        p -> p.get("partij").asText() + ":" + p.get("uitkomst").asText())
                .containsExactly("ggz:GEWEIGERD", "woon:NIET_BEKEND");
        assertThat(report.get("verwerkingen").get(1).get("grond").asText()).isEqualTo("BIJZONDERE_GEGEVENS");
        assertThat(response.body()).doesNotContain(Household.FAMILY_MEMBER);
        JsonNode recorded = get("/api/v1/verwerkingen?paginaGrootte=1", tokens.withRoles("fg-1", "auditor"));
        assertThat(recorded.at("/verwerkingen/0/gebeurtenis").asText()).isEqualTo("INZAGEVERZOEK");
    }

    @Test
    void accessReportRefusesAnInvalidBsn() throws Exception {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/api/v1/inzageverzoeken"))
                .header("Authorization", "Bearer " + tokens.withRoles("fg-1", "auditor"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bsn\":\"" + Household.INVALID + "\"}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain(Household.INVALID);
    }

    /** Exports the whole log in {@code format} to {@code file} in the gateway's folder. */
    static Path export(String format, String file) {
        Path out = gateway.dir().resolve(file);
        cli(
                "audit",
                "export",
                "--config",
                gateway.dir().resolve("gateway.yml").toString(),
                "--format",
                format,
                "--from",
                "2020-01-01T00:00:00Z",
                "--to",
                "2100-01-01T00:00:00Z",
                "--out",
                out.toString());
        return out;
    }

    static String cli(String... args) {
        var result = CliRunner.run(args);
        assertThat(result.code()).as(result.err()).isZero();
        return result.out();
    }

    @Test
    void verwerkingenloggingExportValidatesAgainstTheVngSchema() throws Exception {
        Path out = export("verwerkingenlogging", "export.jsonl");

        Schema schema = vngSchema("Verwerkingsactie");
        Schema extended = vngSchema("VerwerkingsactieUitgebreid");
        assertThat(schema.validate(JSON.readTree("{\"actieId\":1,\"vertrouwelijkheid\":\"geheim\"}")))
                .as("the schema really checks")
                .isNotEmpty();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(8);
        for (String line : lines) {
            JsonNode actie = JSON.readTree(line);
            assertThat(schema.validate(actie)).as(line).isEmpty();
            assertThat(extended.validate(actie)).as(line).isEmpty();
            assertThat(line).doesNotContain(Household.CLIENT);
        }
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"vertrouwelijkheid\":\"vertrouwelijk\""));
    }

    @Test
    void logboekExportHasTheDataProcessingAttributes() throws Exception {
        Path out = export("logboek", "logboek.jsonl");

        Schema schema = StandardExportsTest.schema("logboek-dataverwerkingen.schema.json");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            JsonNode span = JSON.readTree(line);
            assertThat(schema.validate(span)).as(line).isEmpty();
            assertThat(line).doesNotContain(Household.CLIENT).doesNotContain("cw-1");
        });
        assertThat(lines)
                .anySatisfy(line -> assertThat(
                                StandardExportsTest.attribute(JSON.readTree(line), "dpl.core.data_subject_id"))
                        .matches("[0-9a-f]{40}"));
        assertThat(lines)
                .anySatisfy(line ->
                        assertThat(JSON.readTree(line).has("foreign_operation")).isTrue());
    }

    @Test
    void fscExportHasOneRecordPerExchangeUnderTheFscSchema() throws Exception {
        Path out = export("fsc", "fsc.jsonl");
        Schema schema = StandardExportsTest.schema("fsc-logrecord.schema.json");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(schema.validate(JSON.readTree(line))).as(line).isEmpty();
            assertThat(line).contains("DIRECTION_OUTGOING").doesNotContain(Household.CLIENT);
        });
    }

    /**
     * The named schema of the VNG Verwerkingenlogging standard as the team wrote it down in
     * {@code src/test/resources/standards/verwerkingsactie.schema.json}.
     */
    static Schema vngSchema(String name) throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper()
                .readTree(Path.of("src/test/resources/standards/verwerkingsactie.schema.json")
                        .toFile());
        root.put("$ref", "#/$defs/" + name);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(root);
    }

    @Test
    void subjectReportCommandWritesAReadableHtmlDocument() throws Exception {
        Path html = gateway.dir().resolve("inzage.html");
        cli(
                "audit",
                "subject-report",
                "--config",
                gateway.dir().resolve("gateway.yml").toString(),
                "--bsn",
                Household.CLIENT,
                "--out",
                html.toString());

        String page = Files.readString(html);
        assertThat(page)
                .contains("<html lang=\"nl\">")
                .contains("Overzicht verwerkingen van uw gegevens")
                .contains("Verwerkingsverantwoordelijke: Gemeente Testdorp")
                .contains("*****0019")
                .contains("Wmo 2015 (Wams): onderzoek")
                .contains("GGZ Test")
                .contains("BEROEPSGEHEIM: Behandelrelatie.")
                .contains("Woon Test")
                .doesNotContain(Household.CLIENT);
    }
}
