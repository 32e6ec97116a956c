package nl.wams.gateway.federation;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerSigner;
import nl.wams.adapters.peer.PeerTrust;
import nl.wams.gateway.api.PeerListener;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditRecord;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.TestFederation;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestPorts;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compromised certificate stops working at once: GGZ Noordkust's gateway refuses a request over
 * a revoked TLS client certificate and one signed with a revoked signing certificate (the CA's
 * CRL, served over HTTP, lists them); the municipality's gateway refuses an answer signed with a
 * revoked certificate; a certificate whose CRL cannot be fetched is refused by default and accepted
 * where the configuration says so.
 */
class PeerRevocationIT {

    @RegisterExtension
    static WireMockExtension epd = Backends.wireMock();

    @TempDir
    static Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static final String PASSWORD = DemoPki.PASSWORD;
    static HttpServer crlServer;
    static TestGateway ggz;
    static TestGateway ggzAccepting;
    static TestGateway ggzRevoked;
    static TestGateway gemeente;
    static final Map<String, DemoPki.Issued> issued = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        crlServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        DemoPki root = DemoPki.create("revocation test root", Duration.ofDays(10));
        DemoPki ca = root.withCrl("http://127.0.0.1:" + crlServer.getAddress().getPort() + "/ca.crl");
        DemoPki unreachableRoot = DemoPki.create("root with an unreachable CRL", Duration.ofDays(10));
        DemoPki unreachable = unreachableRoot.withCrl("http://127.0.0.1:" + TestPorts.free() + "/ca.crl");
        Instant from = Instant.now().minusSeconds(300);
        Instant to = Instant.now().plus(Duration.ofDays(5));
        issue("gemeente-tls", ca.tls(TestFederation.GEMEENTE, from, to));
        issue("gemeente-signing", ca.signing(TestFederation.GEMEENTE, from, to));
        issue("gemeente-tls-revoked", ca.tls(TestFederation.GEMEENTE, from, to));
        issue("gemeente-signing-revoked", ca.signing(TestFederation.GEMEENTE, from, to));
        issue("gemeente-tls-unknown", unreachable.tls(TestFederation.GEMEENTE, from, to));
        issue("gemeente-signing-unknown", unreachable.signing(TestFederation.GEMEENTE, from, to));
        issue("ggz-tls", ca.tls(TestFederation.GGZ, from, to));
        issue("ggz-signing", ca.signing(TestFederation.GGZ, from, to));
        issue("ggz-signing-revoked", ca.signing(TestFederation.GGZ, from, to));
        byte[] crl = ca.crl(
                List.of(
                        issued.get("gemeente-tls-revoked").certificate(),
                        issued.get("gemeente-signing-revoked").certificate(),
                        issued.get("ggz-signing-revoked").certificate()),
                Duration.ofDays(1));
        crlServer.createContext("/ca.crl", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
                exchange.sendResponseHeaders(200, crl.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(crl);
                }
            }
        });
        crlServer.start();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", root.ca());
        trust.setCertificateEntry("unreachable-root", unreachableRoot.ca());
        try (var out = Files.newOutputStream(dir.resolve("trust.p12"))) {
            trust.store(out, PASSWORD.toCharArray());
        }
        epd.stubFor(post("/epd")
                .willReturn(okJson("{\"personen\":[{\"bsn\":\"" + Household.CLIENT + "\",\"inZorg\":true}]}")));
        ggz = provider("ggz", "ggz-signing", "");
        ggzAccepting = provider("ggz-accepting", "ggz-signing", "  revocation: { on-unreachable: accept }\n");
        ggzRevoked = provider("ggz-revoked", "ggz-signing-revoked", "");
        gemeente = TestGateway.start(
                Files.createDirectories(dir.resolve("gemeente")),
                tokens,
                TestFederation.gemeenteRequester()
                        + TestFederation.ONDERZOEK
                        + """
                        parties:
                          - id: ggz-ingetrokken
                            name: GGZ Noordkust (ingetrokken sleutel)
                            oin: "%s"
                            domain: zorg-ggz
                            categories: [bekend-bij]
                            adapter: { type: peer, url: "https://127.0.0.1:%d/peer/v1/verzoeken" }
                        """.formatted(
                                        TestFederation.GGZ.oin(),
                                        ggzRevoked.bean(PeerListener.class).port())
                        + federation("gemeente-tls", "gemeente-signing", false, ""));
    }

    static void issue(String name, DemoPki.Issued certificate) throws Exception {
        DemoPki.write(dir, name, certificate);
        issued.put(name, certificate);
    }

    static String federation(String tls, String signing, boolean listen, String extra) {
        return "\nfederation:\n"
                + "  tls: { path: \"" + dir.resolve(tls + ".p12") + "\", password: " + PASSWORD + " }\n"
                + "  signing: { path: \"" + dir.resolve(signing + ".p12") + "\", password: " + PASSWORD + " }\n"
                + "  trust-store: { path: \"" + dir.resolve("trust.p12") + "\", password: " + PASSWORD + " }\n"
                + (listen ? "  listener: { host: 127.0.0.1, port: 0 }\n" : "")
                + extra;
    }

    static TestGateway provider(String name, String signing, String extra) throws Exception {
        return TestGateway.start(
                Files.createDirectories(dir.resolve(name)),
                tokens,
                TestFederation.ggzProvider(epd.getPort()) + federation("ggz-tls", signing, true, extra));
    }

    @AfterAll
    static void stop() {
        for (TestGateway g : new TestGateway[] {gemeente, ggz, ggzAccepting, ggzRevoked}) {
            if (g != null) {
                g.close();
            }
        }
        if (crlServer != null) {
            crlServer.stop(0);
        }
    }

    /** A request for onderzoek to GGZ, signed with {@code signing}, sent over TLS with {@code tls}. */
    static HttpResponse<String> ask(TestGateway provider, String tls, String signing) throws Exception {
        DemoPki.Issued signer = issued.get(signing);
        PeerMessages messages = new PeerMessages(PeerTrust.of(trustStore()), java.time.Clock.systemUTC());
        String jws = messages.signRequest(
                new PeerSigner(signer.keys().getPrivate(), signer.chain()),
                TestFederation.GGZ.oin(),
                UUID.randomUUID().toString(),
                JSON.valueToTree(Map.of(
                        "doel", "onderzoek",
                        "grondslag", "wmo-onderzoek",
                        "fase", "onderzoek",
                        "aanleiding", "HULPVRAAG",
                        "zaakkenmerk", "Z-R",
                        "categorieen", List.of("bekend-bij"),
                        "personen", List.of(Map.of("bsn", Household.CLIENT, "rol", "CLIENT")))),
                "0af7651916cd43dd8448eb211c80319c");
        return HttpClient.newBuilder()
                .sslContext(client(tls))
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                                        + provider.bean(PeerListener.class).port() + "/peer/v1/verzoeken"))
                                .header("Content-Type", PeerMessages.MEDIA_TYPE)
                                .POST(HttpRequest.BodyPublishers.ofString(jws))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    static KeyStore trustStore() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("trust.p12"))) {
            trust.load(in, PASSWORD.toCharArray());
        }
        return trust;
    }

    static SSLContext client(String tls) throws Exception {
        KeyStore key = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve(tls + ".p12"))) {
            key.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(key, PASSWORD.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    static List<String> refusalGrounds(TestGateway gateway) throws Exception {
        AuditStore store = gateway.bean(AuditStore.class);
        List<String> grounds = new ArrayList<>();
        for (String node : store.nodes()) {
            store.forEachRecord(node, (AuditRecord r) -> {
                if (r.entry().event() == AuditEvent.PEER_VERZOEK_GEWEIGERD) {
                    grounds.add(r.entry().ground());
                }
            });
        }
        return grounds;
    }

    @Test
    void aRequestOverGoodCertificatesIsAnsweredAndRevokedOnesAreRefusedAtOnce() throws Exception {
        assertThat(ask(ggz, "gemeente-tls", "gemeente-signing").statusCode()).isEqualTo(200);

        HttpResponse<String> revokedTls = ask(ggz, "gemeente-tls-revoked", "gemeente-signing");
        assertThat(revokedTls.statusCode()).as(revokedTls.body()).isEqualTo(401);
        HttpResponse<String> revokedSigning = ask(ggz, "gemeente-tls", "gemeente-signing-revoked");
        assertThat(revokedSigning.statusCode()).as(revokedSigning.body()).isEqualTo(401);
        assertThat(refusalGrounds(ggz)).contains("REVOKED");
        assertThat(revokedSigning.body()).doesNotContain(Household.CLIENT);
    }

    @Test
    void anAnswerSignedWithARevokedCertificateIsNotAccepted() throws Exception {
        HttpResponse<String> response =
                gemeente.post("/api/v1/gegevensverzoeken", tokens.coordinator("c-1"), """
                {"doel":"onderzoek","grondslag":"wmo-onderzoek","fase":"onderzoek","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"Z-R","personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "partijen":[{"partij":"ggz-ingetrokken","categorieen":["bekend-bij"]}]}""".formatted(Household.CLIENT));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode party = JSON.readTree(response.body()).at("/resultaten/0");
        assertThat(party.get("uitkomst").asText()).as(party.toString()).isEqualTo("ONGELDIG_ANTWOORD");
        assertThat(party.path("personen").size()).isZero();
    }

    @Test
    void aCertificateWhoseCrlCannotBeFetchedIsRefusedByDefaultAndAcceptedWhereConfigured() throws Exception {
        HttpResponse<String> refused = ask(ggz, "gemeente-tls-unknown", "gemeente-signing-unknown");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(refusalGrounds(ggz)).contains("REVOCATION_UNKNOWN");

        HttpResponse<String> accepted = ask(ggzAccepting, "gemeente-tls-unknown", "gemeente-signing-unknown");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    }
}
