package nl.wams.gateway.operations;

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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.cli.CliRunner;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.GatewayProcess;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.Polling;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as an operator runs it, in a process of its own: JSON logs whose lines carry the
 * transaction id and never a BSN or an answer's values, and a SIGTERM under load that loses no
 * record of an answered request.
 */
class GatewayProcessOperationsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    /** Answer values nobody else uses, to search the logs for. */
    static final String SINCE = "1987-06-05";

    @RegisterExtension
    static WireMockExtension party = Backends.wireMock();

    @TempDir
    Path dir;

    static final String REQUEST = """
            {"doel":"verkenning","grondslag":"wmo-verkenning","fase":"verkenning","aanleiding":"HULPVRAAG",
             "zaakkenmerk":"Z-OPS-PROC","personen":[{"bsn":"%s","rol":"CLIENT"},{"bsn":"%s","rol":"GEZINSLID"}],
             "partijen":[{"partij":"ggz","categorieen":["bekend-bij"]}]}""".formatted(Household.CLIENT, Household.FAMILY_MEMBER);

    Path config(int port) throws Exception {
        party.stubFor(post("/ggz")
                .willReturn(okJson("{\"personen\":[{\"bsn\":\"" + Household.CLIENT + "\",\"bekend\":true,\"sinds\":\""
                        + SINCE + "\"},{\"bsn\":\"" + Household.FAMILY_MEMBER + "\",\"bekend\":false}]}")));
        return TestGateway.writeConfig(
                dir,
                tokens,
                (TestGateway.verkenningRequester()
                                + TestGateway.ggzRestParty(party.getPort())
                                        .replace(
                                                "bekend-bij: { bekend: /bekend }",
                                                "bekend-bij: { bekend: /bekend, sinds: /sinds }"))
                        .replace("bekend-bij: { bekend: keep }", "bekend-bij: { bekend: keep, sinds: year }")
                        .replace("api: { port: 0 }", "api: { port: " + port + ", plain-http: true }"));
    }

    static HttpResponse<String> ask(HttpClient http, int port) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/gegevensverzoeken"))
                        .header("Authorization", "Bearer " + tokens.coordinator("cw-1"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(REQUEST))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jsonLogLinesCarryTheTransactionIdAndNeverABsnOrAnAnswersValues() throws Exception {
        int port = GatewayProcess.freePort();
        Path config = config(port);
        HttpClient http = HttpClient.newHttpClient();
        try (GatewayProcess gateway = GatewayProcess.run(config, port, "-Dwams.log-format=json")) {
            HttpResponse<String> answered = ask(http, port);
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
            assertThat(answered.body()).contains("1987"); // the answer did carry the values searched for below
            String transaction =
                    answered.headers().firstValue("Fsc-Transaction-Id").orElseThrow();
            Polling.until(
                    Duration.ofSeconds(10),
                    "the request's log line",
                    () -> gateway.output().contains(transaction));

            String output = gateway.output();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : output.lines().filter(l -> l.startsWith("{")).toList()) {
                lines.add(JSON.readTree(line)); // every structured line is one JSON object
            }
            assertThat(lines).isNotEmpty();
            assertThat(lines)
                    .filteredOn(l -> l.toString().contains(transaction))
                    .anySatisfy(l -> {
                        assertThat(l.path("log.level").asText(l.at("/log/level").asText()))
                                .isEqualTo("INFO");
                        assertThat(l.toString()).contains("request answered");
                    });
            assertThat(output)
                    .doesNotContain(Household.CLIENT)
                    .doesNotContain(Household.FAMILY_MEMBER)
                    .doesNotContain(SINCE)
                    .doesNotContain("1987")
                    .doesNotContain("Z-OPS-PROC");
        }
    }

    @Test
    void sigtermUnderLoadLosesNoRecordOfAnAnsweredRequest() throws Exception {
        int port = GatewayProcess.freePort();
        Path config = config(port);
        HttpClient http = HttpClient.newHttpClient();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(8);
        int exit;
        try (GatewayProcess gateway = GatewayProcess.run(config, port)) {
            for (int i = 0; i < 8; i++) {
                load.submit(() -> {
                    while (!stop.get()) {
                        try {
                            HttpResponse<String> response = ask(http, port);
                            if (response.statusCode() == 201) {
                                answered.add(response.headers()
                                        .firstValue("Fsc-Transaction-Id")
                                        .orElseThrow());
                            }
                        } catch (Exception e) {
                            // refused connections once the gateway stops accepting: expected
                        }
                    }
                    return null;
                });
            }
            Polling.until(Duration.ofSeconds(30), "requests answered under load", () -> answered.size() >= 40);

            exit = gateway.terminate(Duration.ofSeconds(40));
            stop.set(true);
            assertThat(gateway.output()).contains("Graceful shutdown");
        } finally {
            stop.set(true);
            load.shutdownNow();
        }
        // The JVM's answer to SIGTERM after its shutdown hooks ran (128 + 15), not a crash.
        assertThat(exit).isEqualTo(143);
        Set<String> released = new java.util.HashSet<>();
        try (Connection c = DriverManager.getConnection(AuditSetup.h2Url(dir.resolve("audit-data"), false), "sa", "");
                PreparedStatement s = c.prepareStatement(
                        "SELECT transaction_id FROM audit_record WHERE event_type = 'ANTWOORD_VRIJGEGEVEN'");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                released.add(rs.getString(1));
            }
        }
        assertThat(released).containsAll(answered);
        var verify = CliRunner.run("audit", "verify", "--config", config.toString());
        assertThat(verify.out()).as(verify.err()).contains("INTACT");
    }
}
