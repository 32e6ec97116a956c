package nl.wams.gateway.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestPostgres;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two gateway replicas on one PostgreSQL under concurrent requests: nothing lost, every chain verifies. */
class SharedPostgresReplicasIT {

    @RegisterExtension
    static WireMockExtension party = Backends.wireMock();

    @TempDir
    static Path dir;

    static final TestTokens tokens = new TestTokens();
    static TestPostgres postgres;
    static TestGateway replicaA;
    static TestGateway replicaB;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
        String config = TestGateway.verkenningRequester() + TestGateway.ggzRestParty(party.getPort());
        // One set of keys (as replicas share their configuration), two node ids.
        String audit = TestGateway.auditBlock(dir, "replica-a", postgres.jdbcUrl());
        replicaA = TestGateway.start(Files.createDirectories(dir.resolve("a")), tokens, config + audit);
        replicaB = TestGateway.start(
                Files.createDirectories(dir.resolve("b")),
                tokens,
                config + audit.replace("node-id: replica-a", "node-id: replica-b"));
    }

    @AfterAll
    static void stop() throws Exception {
        replicaA.close();
        replicaB.close();
        postgres.close();
    }

    @Test
    void concurrentRequestsOnBothReplicasLoseNoRecordAndBothChainsVerify() throws Exception {
        party.stubFor(post("/ggz")
                .willReturn(okJson("{\"personen\":[{\"bsn\":\"" + Household.CLIENT + "\",\"bekend\":true}]}")));
        String body = """
                {"doel":"verkenning","grondslag":"wmo-verkenning","fase":"verkenning","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"Z-R","personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "partijen":[{"partij":"ggz","categorieen":["bekend-bij"]}]}""".formatted(Household.CLIENT);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            TestGateway replica = i % 2 == 0 ? replicaA : replicaB;
            statuses.add(pool.submit(() -> replica.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), body)
                    .statusCode()));
        }
        for (Future<Integer> status : statuses) {
            assertThat(status.get()).isEqualTo(201);
        }
        pool.shutdown();

        AuditStore store = replicaA.bean(AuditStore.class);
        AuditVerifier.Report report = new AuditVerifier(
                        store, new Checkpoints(AuditSetup.signingKey(replicaA.bean(LoadedConfig.class))))
                .verify();

        // Per request: received, sent, answer (one subject), released.
        assertThat(report.records()).isEqualTo(120 * 4);
        assertThat(store.head("replica-a").seq()).isEqualTo(240);
        assertThat(store.head("replica-b").seq()).isEqualTo(240);
        assertThat(report.intact()).as(report.findings().toString()).isTrue();
        assertThat(report.checkpoints()).isPositive();
    }
}
