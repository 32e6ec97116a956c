package nl.wams.gateway.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.ManagementPort;
import nl.wams.gateway.support.Polling;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestPostgres;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail closed: while PostgreSQL is down every request gets 503, no party is contacted and no
 * answer is released, and readiness says so; when it is back the gateway serves again by itself
 * and is ready again, without a restart.
 */
class FailClosedIT {

    @RegisterExtension
    static WireMockExtension party = Backends.wireMock();

    @TempDir
    static Path dir;

    static final TestTokens tokens = new TestTokens();
    static TestPostgres postgres;
    static TestGateway gateway;
    static final ManagementPort MANAGEMENT = ManagementPort.free();

    static final String REQUEST = """
            {"doel":"verkenning","grondslag":"wmo-verkenning","fase":"verkenning","aanleiding":"HULPVRAAG",
             "zaakkenmerk":"Z-FC","personen":[{"bsn":"%s","rol":"CLIENT"}],
             "partijen":[{"partij":"ggz","categorieen":["bekend-bij"]}]}""".formatted(Household.CLIENT);

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
        gateway = TestGateway.start(
                dir,
                tokens,
                TestGateway.verkenningRequester()
                        + TestGateway.ggzRestParty(party.getPort())
                        + TestGateway.auditBlock(dir, "fail-closed", postgres.jdbcUrl())
                        + "management: { port: " + MANAGEMENT.port() + " }\n");
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        postgres.close();
    }

    HttpResponse<String> ask() throws Exception {
        return gateway.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), REQUEST);
    }

    @Test
    void noDataMovesWhileTheLogCannotBeWrittenAndServiceReturnsByItself() throws Exception {
        party.stubFor(post("/ggz")
                .willReturn(okJson("{\"personen\":[{\"bsn\":\"" + Household.CLIENT + "\",\"bekend\":true}]}")));
        HttpResponse<String> answered = ask();
        assertThat(answered.statusCode()).isEqualTo(201);
        String location = answered.headers().firstValue("Location").orElseThrow();
        int callsBefore = party.getAllServeEvents().size();

        assertThat(readiness()).isEqualTo(200);

        postgres.stop();
        Polling.until(Duration.ofSeconds(30), "readiness down without the database", () -> readiness() == 503);
        HttpResponse<String> unreadable = gateway.get(location, tokens.coordinator("cw-1"));
        assertThat(unreadable.statusCode())
                .as("a stored result that cannot be read is a 503, not a 500")
                .isEqualTo(503);
        assertThat(unreadable.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(unreadable.headers().firstValue("Retry-After")).isPresent();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> refused = ask();
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("audit-niet-beschikbaar").doesNotContain("bekend");
        }
        HttpResponse<String> policyRefusal = gateway.post(
                "/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), REQUEST.replace("bekend-bij", "schulden"));
        assertThat(policyRefusal.statusCode())
                .as("a refusal that cannot be logged is not given either")
                .isEqualTo(503);
        assertThat(party.getAllServeEvents())
                .as("no party contacted while the log is down")
                .hasSize(callsBefore);

        postgres.restart();
        Polling.until(Duration.ofSeconds(60), "readiness up again, without a restart", () -> readiness() == 200);
        HttpResponse<String> back = pollUntil201(Duration.ofSeconds(60));
        assertThat(back.body()).contains("\"bekend\":true");
        assertThat(party.getAllServeEvents()).hasSize(callsBefore + 1);
        var verifier = new AuditVerifier(
                gateway.bean(AuditStore.class),
                new Checkpoints(AuditSetup.signingKey(gateway.bean(LoadedConfig.class))));
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void anAnswerThatCannotBeLoggedIsNotReleased() throws Exception {
        party.stubFor(post("/ggz")
                .willReturn(okJson("{\"personen\":[{\"bsn\":\"" + Household.CLIENT + "\",\"bekend\":true}]}")
                        .withFixedDelay(3_000)));
        pollUntil201(Duration.ofSeconds(60)); // the database is up (the other test may have restarted it)
        int callsBefore = party.getAllServeEvents().size();

        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return ask();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Instant deadline = Instant.now().plusSeconds(30);
        while (party.getAllServeEvents().size() == callsBefore && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        postgres.stop(); // the request was logged and sent; its answer cannot be logged now
        HttpResponse<String> response = inFlight.get();
        postgres.restart();

        assertThat(party.getAllServeEvents()).hasSize(callsBefore + 1);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).doesNotContain("\"bekend\"");
        pollUntil201(Duration.ofSeconds(60));
    }

    /** The status of {@code /actuator/health/readiness} on the management port. */
    static int readiness() throws Exception {
        return MANAGEMENT.get("/actuator/health/readiness").statusCode();
    }

    static HttpResponse<String> pollUntil201(Duration bound) throws Exception {
        Instant deadline = Instant.now().plus(bound);
        HttpResponse<String> last;
        do {
            last = gateway.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), REQUEST);
            if (last.statusCode() == 201) {
                return last;
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("gateway did not recover within " + bound + ": " + last.body());
    }
}
