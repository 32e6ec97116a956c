package nl.wams.gateway.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import nl.wams.gateway.cli.CliRunner;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.GatewayProcess;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the audit log reports as committed is what happened, on the embedded default too: records
 * survive the death of the process, the log states exactly what the caller received, and
 * "released" is never logged about a result the caller did not get.
 */
class AuditPromiseIT {

    @RegisterExtension
    static WireMockExtension party = Backends.wireMock();

    @TempDir
    Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();

    static final String REQUEST = """
            {"doel":"verkenning","grondslag":"wmo-verkenning","fase":"verkenning","aanleiding":"HULPVRAAG",
             "zaakkenmerk":"Z-AP","personen":[{"bsn":"%s","rol":"CLIENT"}],
             "partijen":[{"partij":"ggz","categorieen":["bekend-bij"]}]}""".formatted(Household.CLIENT);

    /** The party knows the client; the profile releases {@code bekend} only. */
    void partyKnowsTheClient(String fields) {
        party.stubFor(post("/ggz")
                .willReturn(okJson("{\"personen\":[{\"bsn\":\"" + Household.CLIENT + "\"" + fields + "}]}")));
    }

    @Test
    void recordsOfAnsweredRequestsSurviveAKilledProcessOnH2() throws Exception {
        partyKnowsTheClient(",\"bekend\":true");
        int port = GatewayProcess.freePort();
        Path config = TestGateway.writeConfig(
                dir,
                tokens,
                (TestGateway.verkenningRequester() + TestGateway.ggzRestParty(party.getPort()))
                        .replace("api: { port: 0 }", "api: { port: " + port + ", plain-http: true }"));
        HttpClient http = HttpClient.newHttpClient();
        int answered = 0;
        for (int trial = 0; trial < 3; trial++) {
            try (GatewayProcess gateway = GatewayProcess.run(config, port)) {
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/gegevensverzoeken"))
                                    .header("Authorization", "Bearer " + tokens.coordinator("cw-1"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(REQUEST))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    answered++;
                }
                gateway.kill(); // SIGKILL right after the answers: nothing in the gateway runs after it
            }
            // Four records per answered request: received, sent, answer, released.
            assertThat(count(config, "SELECT COUNT(*) FROM audit_record"))
                    .as("trial %d", trial)
                    .isEqualTo(4L * answered);
        }
        // And the log still verifies right after the crash (the lock of the killed process is no obstacle).
        var verify = CliRunner.run("audit", "verify", "--config", config.toString());
        assertThat(verify.out()).as(verify.err()).contains("INTACT");
    }

    @Test
    void theLogRecordsTheOutcomeAndRemovedNamesTheCallerReceivedWhenEveryFieldIsRemoved() throws Exception {
        // The party sends only a field the profile does not allow: all of it is removed.
        partyKnowsTheClient(",\"sinds\":\"2019-04-01\"");
        try (TestGateway gateway = TestGateway.start(
                dir,
                tokens,
                TestGateway.verkenningRequester()
                        + TestGateway.ggzRestParty(party.getPort())
                                .replace(
                                        "bekend-bij: { bekend: /bekend }",
                                        "bekend-bij: { bekend: /bekend, sinds: /sinds }"))) {
            HttpResponse<String> response =
                    gateway.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), REQUEST);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode result = JSON.readTree(response.body()).path("resultaten").get(0);
            assertThat(result.path("uitkomst").asText()).isEqualTo("GEDEELTELIJK_VERSTREKT");
            assertThat(result.path("verwijderdeVelden").toString()).contains("bekend-bij.sinds");

            AuditEntry answer = entries(gateway, AuditEvent.ANTWOORD_ONTVANGEN).get(0);
            assertThat(answer.outcome()).isEqualTo("GEDEELTELIJK_VERSTREKT");
            assertThat(answer.fieldsRemoved()).containsExactly("bekend-bij.sinds");
        }
    }

    @Test
    void releasedIsNeverLoggedWhenTheResultCannotBeStored() throws Exception {
        partyKnowsTheClient(",\"bekend\":true");
        try (TestGateway gateway = TestGateway.start(
                dir, tokens, TestGateway.verkenningRequester() + TestGateway.ggzRestParty(party.getPort()))) {
            // The result table refuses every row; the audit tables work.
            try (Connection c =
                            DriverManager.getConnection(AuditSetup.h2Url(dir.resolve("audit-data"), false), "sa", "");
                    Statement s = c.createStatement()) {
                s.execute("ALTER TABLE request_result ADD CONSTRAINT refuse_all CHECK (id = 'none')");
            }
            HttpResponse<String> response =
                    gateway.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), REQUEST);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(entries(gateway, AuditEvent.VERZOEK_VERZONDEN)).hasSize(1);
            assertThat(entries(gateway, AuditEvent.ANTWOORD_ONTVANGEN)).isEmpty();
            assertThat(entries(gateway, AuditEvent.ANTWOORD_VRIJGEGEVEN)).isEmpty();
        }
    }

    @Test
    void startAndAuditCommandsWaitForTheDatabaseWithABoundAndSaySoInOneLine() throws Exception {
        int nothingListens = GatewayProcess.freePort();
        Path config = TestGateway.writeConfig(
                dir,
                tokens,
                TestGateway.verkenningRequester()
                        + TestGateway.ggzRestParty(party.getPort())
                        + TestGateway.auditBlock(
                                        dir, "slow-db", "jdbc:postgresql://127.0.0.1:" + nothingListens + "/wams")
                                .replace("checkpoint:", "database-wait: 1s\n  checkpoint:"));
        for (String[] command : List.of(
                new String[] {"audit", "verify", "--config", config.toString()},
                new String[] {"run", "--config", config.toString()})) {
            var run = CliRunner.run(command);
            assertThat(run.code()).as(run.err()).isEqualTo(3);
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).contains("did not open within 1 s (audit.database-wait)");
        }
    }

    private static List<AuditEntry> entries(TestGateway gateway, AuditEvent event) throws Exception {
        List<AuditEntry> entries = new ArrayList<>();
        gateway.bean(AuditStore.class).forEachRecord("test-node", r -> {
            if (r.entry().event() == event) {
                entries.add(r.entry());
            }
        });
        return entries;
    }

    private static long count(Path config, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(
                        AuditSetup.h2Url(config.resolveSibling("audit-data"), false), "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
