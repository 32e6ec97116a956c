package nl.wams.gateway.operations;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.GatewayExtension;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.ManagementPort;
import nl.wams.gateway.support.Polling;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The management port: readiness that includes the database and the audit writer, and Prometheus
 * metrics per party and per policy rule that never carry personal data; none of it on the API port.
 */
class ManagementIT {

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
            () -> TestGateway.verkenningRequester()
                    + TestGateway.ggzRestParty(ggz.getPort())
                    + "management: { port: " + MANAGEMENT.port() + " }\n");

    static HttpResponse<String> management(String path) throws Exception {
        return MANAGEMENT.get(path);
    }

    static String ask(String purpose) throws Exception {
        HttpResponse<String> response = gateway.post(
                "/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), """
                {"doel":"%s","grondslag":"wmo-verkenning","fase":"verkenning","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"Z-OPS","personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "partijen":[{"partij":"ggz","categorieen":["bekend-bij"]}]}""".formatted(purpose, Household.CLIENT));
        return response.headers().firstValue("Fsc-Transaction-Id").orElseThrow();
    }

    @Test
    void readinessIncludesTheDatabaseAndTheAuditWriter() throws Exception {
        HttpResponse<String> response = management("/actuator/health/readiness");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/auditLog/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/federationKeys/details/federation").asText())
                .isEqualTo("not configured");
        assertThat(management("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsCountPartyCallsAndRefusalsWithoutAnyPersonalData() throws Exception {
        ggz.stubFor(post("/ggz")
                .willReturn(okJson("{\"personen\":[{\"bsn\":\"" + Household.CLIENT + "\",\"bekend\":true}]}")));
        String answered = ask("verkenning");
        ggz.stubFor(post("/ggz").willReturn(okJson("{\"personen\":[]}")));
        String notKnown = ask("verkenning");
        ggz.stubFor(post("/ggz").willReturn(serverError()));
        String unreachable = ask("verkenning");
        String refused = ask("onbekend-doel");
        assertThat(gateway.send(HttpRequest.newBuilder(gateway.uri("/api/v1/gegevensverzoeken"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build())
                        .statusCode())
                .isEqualTo(401);
        assertThat(gateway.post("/api/v1/gegevensverzoeken", "not-a-token", "{}")
                        .statusCode())
                .isEqualTo(401);

        String metrics = management("/actuator/prometheus").body();

        assertThat(metrics)
                .containsPattern("wams_party_calls_seconds_count\\{outcome=\"Answered\",party=\"ggz\"} [1-9]")
                .containsPattern("wams_party_calls_seconds_count\\{outcome=\"NotKnown\",party=\"ggz\"} [1-9]")
                .containsPattern("wams_party_calls_seconds_count\\{outcome=\"Unreachable\",party=\"ggz\"} [1-9]")
                .containsPattern("wams_requests_refused_total\\{rule=\"[A-Z_]+\"} [1-9]")
                .contains("wams_party_breaker_state{party=\"ggz\"} 0.0")
                .contains("wams_audit_queue_depth")
                .containsPattern("wams_audit_commit_seconds_count [1-9]")
                .containsPattern("wams_api_authentication_failures_total\\{reason=\"missing\"} [1-9]")
                .containsPattern("wams_api_authentication_failures_total\\{reason=\"invalid\"} [1-9]")
                .containsPattern("logback_events_total\\{level=\"info\"} [1-9]")
                .contains("wams_job_interval_seconds{job=\"wams-result-expiry\"} 60.0")
                .contains("wams_job_last_success_timestamp_seconds{job=\"wams-result-expiry\"}")
                .doesNotContain("wams_reviews_open"); // a requester holds no reviews
        assertThat(metrics)
                .doesNotContain(Household.CLIENT)
                .doesNotContain(answered)
                .doesNotContain(notKnown)
                .doesNotContain(unreachable)
                .doesNotContain(refused)
                .doesNotContain("Z-OPS");
    }

    /** The compaction's completed runs, once there is one (the counter is there, at 0, from the start). */
    static final Pattern COMPACTION_RAN =
            Pattern.compile("wams_job_runs_total\\{job=\"wams-h2-compaction\",outcome=\"completed\"} [1-9]");

    @Test
    void backgroundJobsReportTheirRunsAndLastSuccess() throws Exception {
        // The embedded H2 file's compaction runs every second: its runs show on the metrics.
        Polling.until(
                Duration.ofSeconds(20),
                "a compaction run on the metrics",
                () -> COMPACTION_RAN
                        .matcher(management("/actuator/prometheus").body())
                        .find());

        String metrics = management("/actuator/prometheus").body();
        assertThat(metrics)
                .containsPattern(COMPACTION_RAN)
                .contains("wams_job_runs_total{job=\"wams-h2-compaction\",outcome=\"failed\"} 0.0")
                .containsPattern("wams_job_duration_seconds_count\\{job=\"wams-h2-compaction\"} [1-9]")
                .contains("wams_job_items_total{job=\"wams-h2-compaction\"}")
                .contains("wams_job_interval_seconds{job=\"wams-h2-compaction\"} 1.0");
        double lastSuccess = Double.parseDouble(metrics.lines()
                .filter(l -> l.startsWith("wams_job_last_success_timestamp_seconds{job=\"wams-h2-compaction\"}"))
                .findFirst()
                .orElseThrow()
                .replaceAll(".* ", ""));
        assertThat(lastSuccess)
                .isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));
    }

    @Test
    void infoNamesTheVersionAndTheCommitTheJarWasBuiltFrom() throws Exception {
        JsonNode info = JSON.readTree(management("/actuator/info").body());

        assertThat(info.at("/build/version").asText()).isNotBlank();
        Properties git = new Properties();
        try (var in = ManagementIT.class.getResourceAsStream("/git.properties")) {
            if (in != null) {
                git.load(in);
            }
        }
        if (git.getProperty("git.commit.id.abbrev") != null) { // built in a Git clone (CI, a developer's clone)
            assertThat(info.at("/git/commit/id").asText()).isEqualTo(git.getProperty("git.commit.id.abbrev"));
        }
    }

    @Test
    void theApiPortServesNoManagementEndpoint() throws Exception {
        HttpResponse<String> response = gateway.get("/actuator/health", null);

        assertThat(response.statusCode()).isNotEqualTo(200);
        assertThat(response.body()).doesNotContain("\"status\":\"UP\"");
    }
}
