package nl.wams.gateway.federation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.gateway.api.PeerListener;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditRecord;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.TestFederation;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestPostgres;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on the provider's peer listener through real TLS: no or untrusted client certificate,
 * a certificate of another organisation than {@code iss}, replays (also across two replicas on
 * one PostgreSQL), wrong audience, oversized bodies, wrong listener; and forged answers reaching a
 * requester. Each fails with the right error and, where the request got that far, an audit record.
 */
class PeerSecurityIT {

    @TempDir
    static Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static TestFederation pki;
    static TestPostgres postgres;
    static TestGateway replicaA;
    static TestGateway replicaB;

    @BeforeAll
    static void start() throws Exception {
        pki = TestFederation.create(dir.resolve("pki"));
        postgres = TestPostgres.start();
        String config = """
                identity: { oin: "%s", name: GGZ Noordkust, roles: [provider] }
                api: { port: 0 }
                authentication: { issuer: "%s", audience: wams-gateway, jwks-file: "${jwks}" }
                catalogue: "${catalogue}"
                purposes:
                  - id: onderzoek
                    phase: onderzoek
                    legal-basis: { id: wmo-onderzoek, text: "Wmo 2015 (Wams): onderzoek" }
                    categories: [bekend-bij]
                minimisation:
                  onderzoek:
                    bekend-bij: { bekend: keep }
                parties: []
                provider:
                  serves:
                    - requester-oin: "%s"
                      purposes: [onderzoek]
                  release-policy: { bekend-bij: NOOIT, ggz-behandeling: NOOIT }
                  backend: { type: rest, url: "http://127.0.0.1:9/epd", mappings: {} }
                """.formatted(TestFederation.GGZ.oin(), TestTokens.ISSUER, TestFederation.GEMEENTE.oin())
                + pki.block(TestFederation.GGZ, true);
        String audit = TestGateway.auditBlock(dir, "ggz-a", postgres.jdbcUrl());
        replicaA = TestGateway.start(Files.createDirectories(dir.resolve("a")), tokens, config + audit);
        replicaB = TestGateway.start(
                Files.createDirectories(dir.resolve("b")),
                tokens,
                config + audit.replace("node-id: ggz-a", "node-id: ggz-b"));
    }

    @AfterAll
    static void stop() throws Exception {
        replicaA.close();
        replicaB.close();
        postgres.close();
    }

    static URI peer(TestGateway gateway) {
        return URI.create(
                "https://127.0.0.1:" + gateway.bean(PeerListener.class).port() + "/peer/v1/verzoeken");
    }

    static HttpResponse<String> send(SSLContext tls, URI uri, String body) throws Exception {
        return HttpClient.newBuilder()
                .sslContext(tls)
                .build()
                .send(
                        HttpRequest.newBuilder(uri)
                                .header("Content-Type", PeerMessages.MEDIA_TYPE)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    static String signedRequest(String audienceOin) throws Exception {
        return signedRequest(audienceOin, Map.of());
    }

    /** A well-formed request for onderzoek, with {@code changes} applied to its body. */
    static String signedRequest(String audienceOin, Map<String, Object> changes) throws Exception {
        Map<String, Object> request = new java.util.HashMap<>(Map.of(
                "doel", "onderzoek",
                "grondslag", "wmo-onderzoek",
                "fase", "onderzoek",
                "aanleiding", "HULPVRAAG",
                "zaakkenmerk", "Z-P",
                "categorieen", List.of("bekend-bij"),
                "personen", List.of(Map.of("bsn", Household.CLIENT, "rol", "CLIENT"))));
        request.putAll(changes);
        JsonNode body = JSON.valueToTree(request);
        return pki.messages()
                .signRequest(
                        pki.signer(TestFederation.GEMEENTE),
                        audienceOin,
                        UUID.randomUUID().toString(),
                        body,
                        "0af7651916cd43dd8448eb211c80319c");
    }

    static List<AuditRecord> refusals() throws Exception {
        AuditStore store = replicaA.bean(AuditStore.class);
        List<AuditRecord> records = new ArrayList<>();
        for (String node : store.nodes()) {
            store.forEachRecord(node, r -> {
                if (r.entry().event() == AuditEvent.PEER_VERZOEK_GEWEIGERD) {
                    records.add(r);
                }
            });
        }
        return records;
    }

    @Test
    void validRequestGetsASignedAnswer() throws Exception {
        String request = signedRequest(TestFederation.GGZ.oin());
        HttpResponse<String> response = send(pki.client("gemeente-tls.p12"), peer(replicaA), request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = pki.messages()
                .verifyAnswer(response.body(), request, TestFederation.GGZ.oin(), TestFederation.GEMEENTE.oin());
        assertThat(answer.path("uitkomst").asText()).isEqualTo("GEWEIGERD");
        assertThat(answer.path("grond").asText()).isEqualTo("GEEN_GRONDSLAG");
    }

    @Test
    void missingClientCertificateFailsTheHandshake() {
        assertThatThrownBy(() -> send(pki.client(null), peer(replicaA), signedRequest(TestFederation.GGZ.oin())))
                .isInstanceOf(IOException.class);
    }

    @Test
    void clientCertificateOfAnUntrustedCaFailsTheHandshake() {
        assertThatThrownBy(() ->
                        send(pki.client("untrusted-tls.p12"), peer(replicaA), signedRequest(TestFederation.GGZ.oin())))
                .isInstanceOf(IOException.class);
    }

    @Test
    void certificateOfAnotherOrganisationThanIssIsRefusedAndLogged() throws Exception {
        HttpResponse<String> response = send(
                pki.client("woonstichting-de-haven-tls.p12"), peer(replicaA), signedRequest(TestFederation.GGZ.oin()));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("ongeldig-peerverzoek").contains("ISSUER_MISMATCH");
        assertThat(refusals()).anySatisfy(r -> {
            assertThat(r.entry().ground()).isEqualTo("ISSUER_MISMATCH");
            assertThat(r.entry().requesterOin()).isEqualTo(TestFederation.WOON.oin());
        });
    }

    @Test
    void replayIsRefusedAlsoOnAnotherReplica() throws Exception {
        String request = signedRequest(TestFederation.GGZ.oin());
        SSLContext gemeente = pki.client("gemeente-tls.p12");

        assertThat(send(gemeente, peer(replicaA), request).statusCode()).isEqualTo(200);
        HttpResponse<String> again = send(gemeente, peer(replicaA), request);
        HttpResponse<String> elsewhere = send(gemeente, peer(replicaB), request);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("herhaald-verzoek");
        assertThat(elsewhere.statusCode()).isEqualTo(409);
        assertThat(refusals())
                .filteredOn(r -> "REPLAY".equals(r.entry().ground()))
                .hasSizeGreaterThanOrEqualTo(2);
        // Operators see it too: refused peer requests by reason (wams_peer_refusals_total).
        assertThat(replicaA.bean(MeterRegistry.class)
                        .get("wams.peer.refusals")
                        .tag("reason", "REPLAYED")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        HttpResponse<String> response =
                send(pki.client("gemeente-tls.p12"), peer(replicaA), signedRequest(TestFederation.WOON.oin()));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("WRONG_AUDIENCE");
    }

    @Test
    void oversizedBodyIsRefused() throws Exception {
        HttpResponse<String> response = send(pki.client("gemeente-tls.p12"), peer(replicaA), "x".repeat(300_000));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void eachListenerServesOnlyItsOwnProtocol() throws Exception {
        HttpResponse<String> peerOnApiPort = replicaA.send(HttpRequest.newBuilder(replicaA.uri("/peer/v1/verzoeken"))
                .header("Content-Type", PeerMessages.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(signedRequest(TestFederation.GGZ.oin())))
                .build());
        HttpResponse<String> apiOnPeerPort = HttpClient.newBuilder()
                .sslContext(pki.client("gemeente-tls.p12"))
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                                        + replicaA.bean(PeerListener.class).port() + "/api/v1/openapi.json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(peerOnApiPort.statusCode()).isEqualTo(404);
        assertThat(apiOnPeerPort.statusCode()).isEqualTo(404);
        // Every spelling of the peer path that Spring would match stays off the API listener.
        for (String spelling : List.of(
                "/%70eer/v1/verzoeken",
                "/pe%65r/v1/verzoeken",
                "/peer;x=1/v1/verzoeken",
                "/./peer/v1/verzoeken",
                "/api/../peer/v1/verzoeken")) {
            HttpResponse<String> sneaked =
                    replicaA.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replicaA.port() + spelling))
                            .header("Content-Type", PeerMessages.MEDIA_TYPE)
                            .POST(HttpRequest.BodyPublishers.ofString(signedRequest(TestFederation.GGZ.oin())))
                            .build());
            assertThat(sneaked.statusCode()).as(spelling).isIn(400, 404);
            assertThat(sneaked.body()).as(spelling).doesNotContain("ongeldig-peerverzoek", "geen-clientcertificaat");
        }
    }

    @Test
    void bothListenersKeepAConnectionForAThousandRequests() throws Exception {
        try (Socket api = new Socket("127.0.0.1", replicaA.port());
                Socket peer = pki.client("gemeente-tls.p12")
                        .getSocketFactory()
                        .createSocket(
                                "127.0.0.1", replicaA.bean(PeerListener.class).port())) {
            // Tomcat's own default closes a connection after 100 requests: a new TLS handshake
            // (on the peer listener a mutual one) per 100 calls of a busy client.
            assertThat(requestsOnOneConnection(api, "/api/v1/openapi.json", 1_001))
                    .isEqualTo(1_000);
            assertThat(requestsOnOneConnection(peer, "/api/v1/openapi.json", 1_001))
                    .isEqualTo(1_000);
        }
    }

    /**
     * Sends GET requests one after the other on one connection until the server says it closes it
     * ({@code Connection: close}) or {@code most} were answered; returns how many were answered.
     */
    static int requestsOnOneConnection(Socket socket, String path, int most) throws IOException {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int answered = 1; answered <= most; answered++) {
            out.write(request);
            out.flush();
            String status = line(in);
            assertThat(status).startsWith("HTTP/1.1 ");
            long length = 0;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(header.indexOf(':') + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> {}
                }
            }
            if (chunked) {
                for (long chunk = Long.parseLong(line(in), 16); chunk > 0; chunk = Long.parseLong(line(in), 16)) {
                    in.readNBytes((int) chunk);
                    line(in);
                }
                line(in);
            } else {
                in.readNBytes((int) length);
            }
            if (close) {
                return answered;
            }
        }
        return most;
    }

    /** One CRLF-terminated line of an HTTP head, without the CRLF. */
    private static String line(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of an answer");
            }
            if (b != '\r') {
                text.append((char) b);
            }
        }
        return text.toString();
    }

    @Test
    void forgedAnswersAreInvalidForTheRequester() throws Exception {
        String someoneElsesRequest = signedRequest(TestFederation.GGZ.oin());
        JsonNode data = JSON.valueToTree(Map.of("uitkomst", "VERSTREKT", "personen", List.of()));
        String byAnotherParty = pki.messages()
                .signAnswer(
                        pki.signer(TestFederation.WOON),
                        TestFederation.GEMEENTE.oin(),
                        someoneElsesRequest,
                        "a1",
                        data);
        String boundElsewhere = pki.messages()
                .signAnswer(
                        pki.signer(TestFederation.GGZ), TestFederation.GEMEENTE.oin(), someoneElsesRequest, "a2", data);
        String tampered = boundElsewhere.substring(0, boundElsewhere.lastIndexOf('.') + 1) + "AAAA"
                + boundElsewhere.substring(boundElsewhere.lastIndexOf('.') + 5);

        WireMockServer fake = new WireMockServer(wireMockConfig()
                .dynamicPort()
                .dynamicHttpsPort()
                .keystorePath(pki.file("ggz-noordkust-tls.p12").toString())
                .keystorePassword(DemoPki.PASSWORD)
                .keyManagerPassword(DemoPki.PASSWORD)
                .keystoreType("PKCS12")
                .needClientAuth(true)
                .trustStorePath(pki.file("trust.p12").toString())
                .trustStorePassword(DemoPki.PASSWORD)
                .trustStoreType("PKCS12"));
        fake.start();
        try (TestGateway requester = TestGateway.start(
                Files.createDirectories(dir.resolve("requester")),
                tokens,
                TestFederation.gemeenteRequester()
                        + """
                        purposes:
                          - id: onderzoek
                            phase: onderzoek
                            legal-basis: { id: wmo-onderzoek, text: "Wmo 2015 (Wams): onderzoek" }
                            categories: [bekend-bij]
                        minimisation:
                          onderzoek:
                            bekend-bij: { bekend: keep }
                        """
                        + TestFederation.ggzPeerParty(fake.httpsPort(), "bekend-bij")
                        + pki.block(TestFederation.GEMEENTE, false))) {
            for (String forged : List.of(byAnotherParty, boundElsewhere, tampered)) {
                fake.stubFor(post("/peer/v1/verzoeken")
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", PeerMessages.MEDIA_TYPE)
                                .withBody(forged)));
                HttpResponse<String> response = requester.post(
                        "/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), """
                        {"doel":"onderzoek","grondslag":"wmo-onderzoek","fase":"onderzoek","aanleiding":"HULPVRAAG",
                         "zaakkenmerk":"Z-F","personen":[{"bsn":"%s","rol":"CLIENT"}],
                         "partijen":[{"partij":"ggz","categorieen":["bekend-bij"]}]}""".formatted(Household.CLIENT));
                JsonNode result = JSON.readTree(response.body()).at("/resultaten/0");
                assertThat(result.get("uitkomst").asText()).as(forged).isEqualTo("ONGELDIG_ANTWOORD");
                assertThat(result.get("toelichting").asText()).startsWith("answer rejected: ");
            }
            List<AuditRecord> failed = new ArrayList<>();
            AuditStore store = requester.bean(AuditStore.class);
            store.forEachRecord("test-node", r -> {
                if (r.entry().event() == AuditEvent.ANTWOORD_MISLUKT) {
                    failed.add(r);
                }
            });
            assertThat(failed)
                    .hasSize(3)
                    .extracting(r -> r.entry().motivation())
                    .containsExactly(
                            "answer rejected: ISSUER_MISMATCH",
                            "answer rejected: WRONG_BINDING",
                            "answer rejected: BAD_SIGNATURE");
        } finally {
            fake.stop();
        }
    }

    @Test
    void theProviderAppliesItsOwnPurposeRegisterAndRefusesWithTheRule() throws Exception {
        SSLContext gemeente = pki.client("gemeente-tls.p12");
        HttpResponse<String> twice = send(
                gemeente,
                peer(replicaA),
                signedRequest(
                        TestFederation.GGZ.oin(),
                        Map.of(
                                "personen",
                                List.of(
                                        Map.of("bsn", Household.CLIENT, "rol", "CLIENT"),
                                        Map.of("bsn", Household.CLIENT, "rol", "GEZINSLID")))));
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("/problemen/dubbele-persoon");

        HttpResponse<String> special = send(
                gemeente,
                peer(replicaA),
                signedRequest(
                        TestFederation.GGZ.oin(), Map.of("categorieen", List.of("bekend-bij", "ggz-behandeling"))));
        assertThat(special.statusCode()).isEqualTo(422);
        assertThat(special.body()).contains("/problemen/bijzondere-gegevens").contains("categorie-buiten-doel");
        assertThat(refusals()).anySatisfy(r -> assertThat(r.entry().ground()).isEqualTo("BIJZONDERE_GEGEVENS"));
    }

    @Test
    void overLongFieldsAreRefusedAtTheEdgeAndTheirTextIsNeverLogged() throws Exception {
        String longText = "Zaak-" + "q".repeat(5000);
        HttpResponse<String> response = send(
                pki.client("gemeente-tls.p12"),
                peer(replicaA),
                signedRequest(TestFederation.GGZ.oin(), Map.of("zaakkenmerk", longText)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("ongeldig-peerverzoek")
                .contains("zaakkenmerk")
                .doesNotContain("qqqq");
        assertThat(refusals()).anySatisfy(r -> {
            assertThat(r.entry().ground()).isEqualTo("ONGELDIG_VERZOEK");
            assertThat(r.entry().motivation()).isEqualTo("field zaakkenmerk");
        });
        assertThat(refusals()).noneSatisfy(r -> assertThat(r.toString()).contains("qqqq"));
    }

    @Test
    void aPeerDoesNotChooseTheProvidersIds() throws Exception {
        SSLContext gemeente = pki.client("gemeente-tls.p12");
        String reused = "01a22896-596d-7240-8c25-feaf7e88a442";
        for (int i = 0; i < 2; i++) {
            String request = signedRequest(TestFederation.GGZ.oin());
            HttpResponse<String> response = HttpClient.newBuilder()
                    .sslContext(gemeente)
                    .build()
                    .send(
                            HttpRequest.newBuilder(peer(replicaA))
                                    .header("Content-Type", PeerMessages.MEDIA_TYPE)
                                    .header("Fsc-Transaction-Id", reused)
                                    .POST(HttpRequest.BodyPublishers.ofString(request))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            // The answer's id is the provider's own; the requester's id is only a reference in the log.
            assertThat(com.nimbusds.jwt.SignedJWT.parse(response.body())
                            .getJWTClaimsSet()
                            .getJWTID())
                    .isNotEqualTo(reused);
        }
    }
}
