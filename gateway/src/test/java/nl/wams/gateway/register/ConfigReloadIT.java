package nl.wams.gateway.register;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import nl.wams.gateway.audit.AuditVerifier;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.GatewayExtension;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.ManagementPort;
import nl.wams.gateway.support.Polling;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The purpose register changes while the gateway runs: a valid change applies without dropping a
 * request in flight (which finishes under the rules it started with), an invalid change or one
 * that needs a restart is refused with file:line and the old rules stay, and every audit record
 * names the version that decided it, which the history keeps and {@code audit verify} checks.
 */
class ConfigReloadIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static final ManagementPort MANAGEMENT = ManagementPort.free();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static WireMockExtension ggz = Backends.wireMock();

    @RegisterExtension
    @Order(Backends.AFTER_BACKENDS)
    static final GatewayExtension gateway = GatewayExtension.of(
            tokens,
            // The shared test requester and party, with the party's date field released as a year.
            () -> (TestGateway.verkenningRequester() + TestGateway.ggzRestParty(ggz.getPort()))
                            .replace("bekend-bij: { bekend: keep }", "bekend-bij: { bekend: keep, sinds: year }")
                            .replace(
                                    "bekend-bij: { bekend: /bekend }", "bekend-bij: { bekend: /bekend, sinds: /sinds }")
                    + "management: { port: " + MANAGEMENT.port() + " }\n");

    static String original;

    Path file() {
        return gateway.dir().resolve("gateway.yml");
    }

    /** Every test starts from the rules the gateway started with. */
    @BeforeEach
    void startingRules() throws Exception {
        if (original == null) {
            original = Files.readString(file());
        }
        Files.writeString(file(), original);
        reload();
        ggz.resetAll();
        ggz.stubFor(post("/ggz").willReturn(answer()));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer() {
        return okJson(
                "{\"personen\":[{\"bsn\":\"" + Household.CLIENT + "\",\"bekend\":true,\"sinds\":\"2019-03-01\"}]}");
    }

    static final String REQUEST = """
            {"doel":"verkenning","grondslag":"wmo-verkenning","fase":"verkenning","aanleiding":"HULPVRAAG",
             "zaakkenmerk":"Z-RELOAD","personen":[{"bsn":"%s","rol":"CLIENT"}],
             "partijen":[{"partij":"ggz","categorieen":["bekend-bij"]}]}""".formatted(Household.CLIENT);

    static JsonNode reload() throws Exception {
        HttpResponse<String> response = MANAGEMENT.post("/actuator/configuratie", "{\"door\":\"test beheerder\"}");
        JsonNode body = JSON.readTree(response.body());
        assertThat(response.statusCode())
                .as(response.body())
                .isEqualTo(body.path("resultaat").asText().equals("GEWEIGERD") ? 422 : 200);
        return body;
    }

    static String versionInForce() throws Exception {
        return JSON.readTree(MANAGEMENT.get("/actuator/configuratie").body())
                .path("versie")
                .asText();
    }

    static HttpResponse<String> ask() throws Exception {
        return gateway.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), REQUEST);
    }

    static List<String> versionsOf(String transactionId) throws Exception {
        List<String> versions = new ArrayList<>();
        try (Connection c = gateway.bean(HikariDataSource.class).getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT DISTINCT config_version FROM audit_record WHERE transaction_id = ?")) {
            s.setString(1, transactionId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
        }
        return versions;
    }

    static String transaction(HttpResponse<String> response) {
        return response.headers().firstValue("Fsc-Transaction-Id").orElseThrow();
    }

    /** The original file without the profile's {@code sinds} rule: that field no longer passes. */
    static String withoutSinds() {
        return original.replace("bekend-bij: { bekend: keep, sinds: year }", "bekend-bij: { bekend: keep }");
    }

    @Test
    void aValidChangeAppliesWhileARequestInFlightFinishesUnderTheRulesItStartedWith() throws Exception {
        String before = versionInForce();
        ggz.stubFor(post("/ggz").willReturn(answer().withFixedDelay(1_500)));
        CompletableFuture<HttpResponse<String>> inFlight = HTTP.sendAsync(
                HttpRequest.newBuilder(gateway.uri("/api/v1/gegevensverzoeken"))
                        .header("Authorization", "Bearer " + tokens.coordinator("cw-1"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(REQUEST))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Polling.until(
                Duration.ofSeconds(10),
                "the party is asked",
                () -> !ggz.findAll(postRequestedFor(urlEqualTo("/ggz"))).isEmpty());

        Files.writeString(file(), withoutSinds());
        JsonNode applied = reload();

        assertThat(applied.path("resultaat").asText()).isEqualTo("TOEGEPAST");
        assertThat(applied.path("vorigeVersie").asText()).isEqualTo(before);
        String after = applied.path("versie").asText();
        assertThat(after).isNotEqualTo(before).isEqualTo(versionInForce());
        assertThat(applied.path("wijzigingen").toString())
                .contains("profile verkenning/bekend-bij: field 'sinds' removed");

        HttpResponse<String> old = inFlight.get();
        assertThat(old.statusCode()).isEqualTo(201);
        assertThat(old.body()).contains("\"sinds\"");
        assertThat(versionsOf(transaction(old))).containsExactly(before);

        ggz.resetAll();
        ggz.stubFor(post("/ggz").willReturn(answer()));
        HttpResponse<String> next = ask();
        assertThat(next.statusCode()).isEqualTo(201);
        assertThat(next.body()).contains("\"bekend\"").doesNotContain("\"sinds\"");
        assertThat(versionsOf(transaction(next))).containsExactly(after);
    }

    @Test
    void anInvalidChangeIsRefusedWithFileAndLineAndTheOldRulesStay() throws Exception {
        String before = versionInForce();
        String broken = original.replace(
                "categories: [bekend-bij]\nminimisation:", "categories: [bekend-bij]\n    kategorie: x\nminimisation:");
        assertThat(broken).isNotEqualTo(original);
        int line = List.of(broken.split("\n")).indexOf("    kategorie: x") + 1;
        Files.writeString(file(), broken);

        JsonNode refused = reload();

        assertThat(refused.path("resultaat").asText()).isEqualTo("GEWEIGERD");
        assertThat(refused.path("problemen").toString()).contains("gateway.yml:" + line + ":");
        assertThat(versionInForce()).isEqualTo(before);
        HttpResponse<String> response = ask();
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"sinds\"");
        assertThat(versionsOf(transaction(response))).containsExactly(before);
    }

    @Test
    void aChangeThatNeedsARestartIsRefusedAndNamesTheSection() throws Exception {
        String before = versionInForce();
        Files.writeString(file(), original.replace("name: GGZ Test", "name: GGZ Anders"));

        JsonNode refused = reload();

        assertThat(refused.path("resultaat").asText()).isEqualTo("GEWEIGERD");
        assertThat(refused.path("problemen").toString()).contains("parties").contains("restart");
        assertThat(versionInForce()).isEqualTo(before);

        // The coordinated approach's terms are built into the running jobs: a restart too.
        Files.writeString(file(), original + "coordination: { received-term: 7d }\n");
        JsonNode terms = reload();
        assertThat(terms.path("resultaat").asText()).isEqualTo("GEWEIGERD");
        assertThat(terms.path("problemen").toString()).contains("coordination").contains("restart");
        assertThat(versionInForce()).isEqualTo(before);
    }

    @Test
    void theHistoryKeepsEveryVersionAndAuditVerifyChecksTheVersionsRecordsName() throws Exception {
        Files.writeString(file(), withoutSinds());
        String changed = reload().path("versie").asText();
        assertThat(ask().statusCode()).isEqualTo(201);

        JsonNode history =
                JSON.readTree(MANAGEMENT.get("/actuator/configuratie").body());
        assertThat(history.path("activaties").toString())
                .contains(changed)
                .contains("test beheerder")
                .contains("start");
        AuditVerifier verifier = gateway.bean(AuditVerifier.class);
        assertThat(verifier.verify().findings()).isEmpty();

        HikariDataSource db = gateway.bean(HikariDataSource.class);
        String text;
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT config_text FROM config_version WHERE version = ?")) {
            s.setString(1, changed);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                text = rs.getString(1);
            }
        }
        assertThat(text).isEqualTo(withoutSinds());
        try {
            update(db, "UPDATE config_version SET config_text = ? WHERE version = ?", text + "# changed\n", changed);
            assertThat(verifier.verify().findings())
                    .anySatisfy(f -> assertThat(f.problem()).contains(changed).contains("does not hash"));
            update(db, "UPDATE config_version SET version = ? WHERE version = ?", "gone", changed);
            assertThat(verifier.verify().findings())
                    .anySatisfy(f -> assertThat(f.problem()).contains(changed).contains("lacks"));
        } finally {
            update(
                    db,
                    "UPDATE config_version SET version = ?, config_text = ? WHERE version IN (?, ?)",
                    changed,
                    text,
                    "gone",
                    changed);
        }
        assertThat(verifier.verify().findings()).isEmpty();
    }

    static void update(HikariDataSource db, String sql, String... values) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }
}
