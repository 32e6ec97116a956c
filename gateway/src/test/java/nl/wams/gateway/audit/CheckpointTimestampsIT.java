package nl.wams.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import nl.wams.gateway.cli.CliRunner;
import nl.wams.gateway.cli.DemoTimestampAuthority;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.Polling;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trusted time for the audit log: every signed checkpoint gets an RFC 3161 token from a real TSA
 * (the demo's, over HTTP); while the TSA is down requests go on and checkpoints wait (the backlog
 * says how many), and are stamped when it is back; verification proves each checkpoint's time and
 * finds a token that belongs to another checkpoint.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckpointTimestampsIT {

    @TempDir
    static Path dir;

    static final TestTokens tokens = new TestTokens();
    static DemoTimestampAuthority tsa;
    static TestGateway gateway;
    static Path config;
    static final Instant started = Instant.now();

    @BeforeAll
    static void start() throws Exception {
        DemoTimestampAuthority.Keys keys = DemoTimestampAuthority.generate("Test TSA", Duration.ofDays(2));
        DemoTimestampAuthority.write(keys, dir, "tsa");
        tsa = DemoTimestampAuthority.start(0, keys);
        Path gatewayDir = Files.createDirectories(dir.resolve("gateway"));
        String audit = TestGateway.auditBlock(gatewayDir, "node-t", null)
                + "  timestamping: { url: \"" + tsa.url() + "\", certificate: \"" + dir.resolve("tsa.crt.pem")
                + "\", every: 200ms }\n";
        String yaml = TestGateway.verkenningRequester() + "parties: []\n" + audit;
        config = TestGateway.writeConfig(gatewayDir, tokens, yaml);
        gateway = TestGateway.start(gatewayDir, tokens, yaml);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (tsa != null) {
            tsa.close();
        }
    }

    /** Refused requests: each writes records (and so checkpoints) without any party. */
    static void requests(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            HttpResponse<String> refused = gateway.post(
                    "/api/v1/gegevensverzoeken", tokens.coordinator("c-1"), """
                    {"doel":"verkenning","grondslag":"wmo-verkenning","fase":"verkenning","aanleiding":"HULPVRAAG",
                     "zaakkenmerk":"Z-T","personen":[{"bsn":"%s","rol":"CLIENT"}],
                     "partijen":[{"partij":"bestaat-niet","categorieen":["bekend-bij"]}]}""".formatted(Household.CLIENT));
            assertThat(refused.statusCode()).isEqualTo(422);
        }
    }

    static AuditVerifier.Report verify() throws Exception {
        return gateway.bean(AuditVerifier.class).verify();
    }

    @Test
    @Order(1)
    void everySignedCheckpointGetsATokenThatProvesItsTime() throws Exception {
        requests(12);
        Polling.until(Duration.ofSeconds(30), "every checkpoint is timestamped", () -> {
            AuditVerifier.Report report = verify();
            return report.checkpoints() >= 2 && report.untimestamped() == 0;
        });
        AuditVerifier.Report report = verify();
        assertThat(report.intact()).as(report.findings().toString()).isTrue();
        assertThat(report.provenTimes()).hasSize(report.checkpoints());
        assertThat(report.provenTimes())
                .allSatisfy(p -> assertThat(p.time()).isBetween(started.minusSeconds(5), Instant.now()));
    }

    @Test
    @Order(2)
    void whileTheTsaIsDownRequestsGoOnAndCheckpointsWaitThenCatchUp() throws Exception {
        tsa.down(true);
        int before = verify().checkpoints();
        requests(12);
        Polling.until(Duration.ofSeconds(30), "new checkpoints are signed", () -> verify().checkpoints() > before);
        AuditVerifier.Report waiting = verify();
        assertThat(waiting.untimestamped()).isPositive();
        assertThat(waiting.intact()).isTrue();

        tsa.down(false);
        Polling.until(
                Duration.ofSeconds(30), "the waiting checkpoints are stamped", () -> verify().untimestamped() == 0);
        assertThat(verify().provenTimes()).hasSize(verify().checkpoints());
    }

    @Test
    @Order(3)
    void aTokenOfAnotherCheckpointIsFoundAndTheCommandReportsProvenTimes() throws Exception {
        try (Connection c = gateway.bean(AuditStore.class).dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_timestamp SET token = (SELECT token FROM audit_timestamp WHERE seq ="
                    + " (SELECT MAX(seq) FROM audit_timestamp)) WHERE seq = (SELECT MIN(seq) FROM audit_timestamp)");
        }
        AuditVerifier.Report report = verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.first().orElseThrow().problem()).contains("checkpoint timestamp token is for other data");

        gateway.close();
        gateway = null;
        CliRunner.Result run = CliRunner.run("audit", "verify", "--config", config.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("existed at").contains("BROKEN").contains("Test TSA");
    }
}
