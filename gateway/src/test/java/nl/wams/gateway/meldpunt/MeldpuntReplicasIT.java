package nl.wams.gateway.meldpunt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.audit.AuditVerifier;
import nl.wams.gateway.audit.Checkpoints;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.Household;
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
 * The reporting point on two live replicas sharing one PostgreSQL: a signal taken in on one is
 * assessed, routed and closed on the other; both replicas run the retention job, and the signal is
 * deleted once, with exactly one MELDING_VERWIJDERD record; the queue bound is the same on both.
 */
class MeldpuntReplicasIT {

    @RegisterExtension
    static WireMockExtension desk = Backends.wireMock();

    @TempDir
    static Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static TestPostgres postgres;
    static TestGateway replicaA;
    static TestGateway replicaB;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
        String config = TestGateway.verkenningRequester() + """
                parties: []
                meldpunt:
                  legal-basis: { id: wmo-meldpunt, text: "Wmo 2015 (Wams): meldpunt" }
                  max-open: 3
                  not-routed-term: 1s
                  housekeeping: 100ms
                  desks:
                    - id: wijkteam
                      name: Wijkteam
                      oin: "00000099000000000501"
                      adapter: { type: rest, url: "http://127.0.0.1:%d/wijkteam" }
                      fields: { zorgen: keep, urgentie: keep }
                """.formatted(desk.getPort());
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

    static HttpResponse<String> report(TestGateway replica) throws Exception {
        return replica.send(HttpRequest.newBuilder(replica.uri("/api/v1/meldpunt/meldingen"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"zorgen\":\"Zorgen om de buurvrouw\",\"persoon\":{\"bsn\":\"" + Household.CLIENT + "\"}}"))
                .build());
    }

    @Test
    void aSignalMovesBetweenReplicasAndIsDeletedOnceWithOneRecord() throws Exception {
        desk.stubFor(post("/wijkteam")
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{}")));
        String staff = tokens.withRoles("mp", "meldpunt");
        String routed = JSON.readTree(report(replicaA).body()).get("referentie").asText();
        String closed = JSON.readTree(report(replicaB).body()).get("referentie").asText();
        String waiting =
                JSON.readTree(report(replicaA).body()).get("referentie").asText();

        // The queue bound counts the shared table: both replicas refuse the fourth.
        assertThat(report(replicaB).statusCode()).isEqualTo(429);
        assertThat(report(replicaA).statusCode()).isEqualTo(429);

        // Repeated signals about one person are linked across replicas by the shared pseudonym key.
        JsonNode seen = JSON.readTree(
                replicaB.get("/api/v1/meldpunt/signalen/" + routed, staff).body());
        List<String> others = new ArrayList<>();
        seen.get("andereMeldingenOverPersoon")
                .forEach(o -> others.add(o.get("referentie").asText()));
        assertThat(others).containsExactlyInAnyOrder(closed, waiting);

        String assessment = "{\"urgentie\":\"HOOG\",\"levensdomeinen\":[\"GEZONDHEID\"]}";
        assertThat(replicaB.post("/api/v1/meldpunt/signalen/" + routed + "/beoordeling", staff, assessment)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> routing = replicaA.post(
                "/api/v1/meldpunt/signalen/" + routed + "/doorgeleidingen", staff, "{\"loket\":\"wijkteam\"}");
        assertThat(routing.body()).contains("\"status\":\"AANGENOMEN\"");
        assertThat(replicaA.post(
                                "/api/v1/meldpunt/signalen/" + closed + "/sluiting",
                                staff,
                                "{\"reden\":\"GEEN_ACTIE_NODIG\"}")
                        .statusCode())
                .isEqualTo(200);

        Polling.until(
                Duration.ofSeconds(20),
                "the closed signal is deleted by one of the replicas",
                () -> replicaB.get("/api/v1/meldpunt/signalen/" + closed, staff).statusCode() == 404);
        AuditStore store = replicaA.bean(AuditStore.class);
        JsonNode log = JSON.readTree(replicaA.get(
                        "/api/v1/verwerkingen?zaakkenmerk=" + closed + "&paginaGrootte=100",
                        tokens.withRoles("fg", "auditor"))
                .body());
        int deletions = 0;
        for (JsonNode record : log.get("verwerkingen")) {
            if ("MELDING_VERWIJDERD".equals(record.get("gebeurtenis").asText())) {
                deletions++;
            }
        }
        assertThat(deletions).isEqualTo(1);
        assertThat(replicaB.get("/api/v1/meldpunt/signalen/" + routed, staff).statusCode())
                .isEqualTo(200);
        assertThat(replicaA.get("/api/v1/meldpunt/signalen/" + waiting, staff).statusCode())
                .isEqualTo(200);

        AuditVerifier.Report report = new AuditVerifier(
                        store, new Checkpoints(AuditSetup.signingKey(replicaA.bean(LoadedConfig.class))))
                .verify();
        assertThat(report.intact()).as(report.findings().toString()).isTrue();
    }
}
