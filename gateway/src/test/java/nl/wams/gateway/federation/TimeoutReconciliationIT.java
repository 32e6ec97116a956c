package nl.wams.gateway.federation;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.GatewayProcess;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.TestFederation;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the requester stops waiting, both logs say so: the signed request announces how long the
 * requester waits, the provider sends no data after that and records why, and the two records
 * share the requester's transaction id.
 */
class TimeoutReconciliationIT {

    @RegisterExtension
    static WireMockExtension epd = Backends.wireMock();

    @TempDir
    static Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static TestGateway provider;
    static TestGateway requester;

    @BeforeAll
    static void start() throws Exception {
        TestFederation pki = TestFederation.create(dir.resolve("pki"));
        int peerPort = GatewayProcess.freePort();
        provider = TestGateway.start(
                Files.createDirectories(dir.resolve("ggz")),
                tokens,
                TestFederation.ggzProvider(epd.getPort()) + pki.block(TestFederation.GGZ, peerPort));
        requester = TestGateway.start(
                Files.createDirectories(dir.resolve("gemeente")),
                tokens,
                TestFederation.gemeenteRequester()
                        + TestFederation.ONDERZOEK
                        + TestFederation.ggzPeerParty(peerPort, "bekend-bij")
                                .replace("    adapter:", "    timeout: 1s\n    adapter:")
                        + pki.block(TestFederation.GEMEENTE, false));
    }

    @AfterAll
    static void stop() {
        requester.close();
        provider.close();
    }

    static List<AuditEntry> log(TestGateway gateway, String transactionId) throws Exception {
        List<AuditEntry> entries = new ArrayList<>();
        gateway.bean(AuditStore.class).forEachRecord("test-node", r -> {
            if (transactionId.equals(r.entry().transactionId())) {
                entries.add(r.entry());
            }
        });
        return entries;
    }

    @Test
    void aProviderSendsNoDataAfterTheRequesterStoppedWaitingAndBothLogsSaySo() throws Exception {
        // The EPD answers after 1.5 s; the municipality waits 1 s for GGZ.
        epd.stubFor(post("/epd")
                .willReturn(okJson("{\"personen\":[{\"bsn\":\"%s\",\"inZorg\":true}]}".formatted(Household.CLIENT))
                        .withFixedDelay(1_500)));
        HttpResponse<String> response = requester.post(
                "/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), """
                {"doel":"onderzoek","grondslag":"wmo-onderzoek","fase":"onderzoek","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"Z-TIJD","personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "partijen":[{"partij":"ggz","categorieen":["bekend-bij"]}]}""".formatted(Household.CLIENT));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(response.body());
        String transactionId = answer.get("id").asText();
        assertThat(answer.at("/resultaten/0/uitkomst").asText()).isEqualTo("NIET_BEREIKBAAR");
        assertThat(answer.at("/resultaten/0/toelichting").asText())
                .startsWith("no answer within the party's timeout of 1000 ms");

        // The provider's records carry the requester's transaction id: the join key of both logs.
        nl.wams.gateway.support.Polling.until(
                java.time.Duration.ofSeconds(20),
                "the provider closes the exchange",
                () -> log(provider, transactionId).stream()
                        .anyMatch(e -> e.event() == AuditEvent.PEER_VERZOEK_AFGEBROKEN));
        List<AuditEntry> provided = log(provider, transactionId);
        assertThat(provided)
                .extracting(AuditEntry::event)
                .containsExactly(AuditEvent.PEER_VERZOEK_ONTVANGEN, AuditEvent.PEER_VERZOEK_AFGEBROKEN);
        assertThat(provided.get(1).outcome()).isEqualTo("NIET_BEANTWOORD");
        assertThat(provided.get(1).motivation()).startsWith("the requester's wait of 1000 ms had passed");
        assertThat(provided.get(1).categoriesReleased()).isEmpty();

        List<AuditEntry> asked = log(requester, transactionId);
        assertThat(asked)
                .extracting(AuditEntry::event)
                .contains(AuditEvent.VERZOEK_VERZONDEN, AuditEvent.ANTWOORD_MISLUKT)
                .doesNotContain(AuditEvent.ANTWOORD_ONTVANGEN);
    }
}
