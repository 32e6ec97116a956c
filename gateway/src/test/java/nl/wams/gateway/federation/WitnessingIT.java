package nl.wams.gateway.federation;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import nl.wams.gateway.api.PeerListener;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditQuery;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.cli.CliRunner;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.Polling;
import nl.wams.gateway.support.TestFederation;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Witnessing between two gateways over real mutual TLS: every signed request and answer carries
 * the sender's latest checkpoint and the receiver records it in its own chain; {@code audit
 * reconcile} finds the two logs in agreement, and after the municipality's log is changed where
 * GGZ witnessed it, names the checkpoint whose hash no longer matches.
 */
class WitnessingIT {

    @RegisterExtension
    static WireMockExtension epd = Backends.wireMock();

    @TempDir
    Path dir;

    final TestTokens tokens = new TestTokens();

    static final String REQUEST = """
            {"doel":"onderzoek","grondslag":"wmo-onderzoek","fase":"onderzoek","aanleiding":"HULPVRAAG",
             "zaakkenmerk":"Z-W","personen":[{"bsn":"%s","rol":"CLIENT"}],
             "partijen":[{"partij":"ggz","categorieen":["bekend-bij"]}]}""".formatted(Household.CLIENT);

    static long witnessed(TestGateway gateway, String oin) throws Exception {
        return gateway
                .bean(AuditStore.class)
                .query(new AuditQuery(null, null, null, null, null, null, 1, 500))
                .records()
                .stream()
                .filter(r -> r.entry().event() == AuditEvent.CONTROLEPUNT_GETUIGD
                        && oin.equals(r.entry().partyOin()))
                .count();
    }

    @Test
    void eachGatewayWitnessesTheOthersCheckpointsAndReconcileFindsALogChangedAfterwards() throws Exception {
        epd.stubFor(post("/epd")
                .willReturn(okJson("{\"personen\":[{\"bsn\":\"" + Household.CLIENT + "\",\"inZorg\":true}]}")));
        TestFederation pki = TestFederation.create(dir.resolve("pki"));
        String ggzYaml = TestFederation.ggzProvider(epd.getPort()) + pki.block(TestFederation.GGZ, true);
        Path ggzDir = Files.createDirectories(dir.resolve("ggz"));
        TestGateway ggz = TestGateway.start(ggzDir, tokens, ggzYaml);
        int peer = ggz.bean(PeerListener.class).port();
        String gemeenteYaml = TestFederation.gemeenteRequester()
                + TestFederation.ONDERZOEK
                + TestFederation.ggzPeerParty(peer, "bekend-bij")
                + pki.block(TestFederation.GEMEENTE, false);
        Path gemeenteDir = Files.createDirectories(dir.resolve("gemeente"));
        TestGateway gemeente = TestGateway.start(gemeenteDir, tokens, gemeenteYaml);
        try {
            Polling.until(Duration.ofSeconds(60), "both gateways witnessed a checkpoint of the other", () -> {
                assertThat(gemeente.post("/api/v1/gegevensverzoeken", tokens.coordinator("c-1"), REQUEST)
                                .statusCode())
                        .isEqualTo(201);
                return witnessed(ggz, TestFederation.GEMEENTE.oin()) > 0
                        && witnessed(gemeente, TestFederation.GGZ.oin()) > 0;
            });
        } finally {
            gemeente.close();
            ggz.close();
        }

        Path a = export(gemeenteDir, "gemeente.jsonl");
        Path b = export(ggzDir, "ggz.jsonl");
        CliRunner.Result agree = CliRunner.run("audit", "reconcile", a.toString(), b.toString());
        assertThat(agree.code()).as(agree.out()).isZero();
        assertThat(agree.out()).contains("AGREE");
        assertThat(Files.readString(b)).contains("\"soort\":\"uitkomst\"");

        // A copy of GGZ's export in which one exchange's outcome was changed.
        Path otherOutcome = dir.resolve("ggz-other-outcome.jsonl");
        Files.writeString(
                otherOutcome,
                Files.readString(b).replaceFirst("\"uitkomst\":\"VERSTREKT\"", "\"uitkomst\":\"GEWEIGERD\""));
        CliRunner.Result outcomes = CliRunner.run("audit", "reconcile", a.toString(), otherOutcome.toString());
        assertThat(outcomes.code()).isEqualTo(1);
        assertThat(outcomes.out()).contains("recorded VERSTREKT").contains("recorded GEWEIGERD");

        // Someone with write access to the municipality's database changes a checkpoint GGZ witnessed.
        String witnessedLine = Files.readAllLines(b).stream()
                .filter(l -> l.contains("\"getuigd\""))
                .findFirst()
                .orElseThrow();
        long seq = Long.parseLong(witnessedLine.replaceAll(".*\"seq\":(\\d+).*", "$1"));
        try (Connection c = DriverManager.getConnection(
                        "jdbc:h2:file:" + gemeenteDir.resolve("audit-data").resolve("audit"), "sa", "");
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_checkpoint SET hash = '" + "0".repeat(64) + "' WHERE seq = " + seq);
        }
        Path changed = export(gemeenteDir, "gemeente-changed.jsonl");
        CliRunner.Result disagree = CliRunner.run("audit", "reconcile", changed.toString(), b.toString());
        assertThat(disagree.code()).isEqualTo(1);
        assertThat(disagree.out())
                .contains("DISAGREE: checkpoint node")
                .contains("seq " + seq)
                .contains("the log was changed after it was witnessed");
    }

    static Path export(Path gatewayDir, String file) {
        Path out = gatewayDir.resolve(file);
        CliRunner.Result run = CliRunner.run(
                "audit",
                "export",
                "--config",
                gatewayDir.resolve("gateway.yml").toString(),
                "--format",
                "controle",
                "--from",
                "2020-01-01T00:00:00Z",
                "--to",
                "2100-01-01T00:00:00Z",
                "--out",
                out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        return out;
    }
}
