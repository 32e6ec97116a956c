package nl.wams.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.wams.gateway.support.TestFederation;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code api.tls} the requester API speaks HTTPS only, with the configured certificate. */
class HttpsApiIT {

    @TempDir
    static Path dir;

    static TestFederation pki;
    static TestGateway gateway;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        pki = TestFederation.create(dir.resolve("pki"));
        gateway = TestGateway.start(Files.createDirectories(dir.resolve("gw")), new TestTokens(), """
                identity: { oin: "00000099000000000001", name: Testgemeente, roles: [requester] }
                api: { port: 0, tls: { path: "%s", password: changeit } }
                authentication: { issuer: "https://idp.test.example", audience: wams-gateway, jwks-file: "${jwks}" }
                catalogue: "${catalogue}"
                purposes:
                  - id: verkenning
                    phase: verkenning
                    legal-basis: { id: wmo-verkenning, text: "Wmo 2015 (Wams): verkenning" }
                    categories: [bekend-bij]
                minimisation:
                  verkenning:
                    bekend-bij: { bekend: keep }
                parties: []
                """.formatted(
                        pki.file("gemeente-tls.p12")));
        port = gateway.port();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void servesHttpsWithTheConfiguredCertificateAndNoPlainHttp() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder()
                .sslContext(pki.client(null))
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/v1/openapi.json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.sslSession())
                .hasValueSatisfying(s -> assertThat(s.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
        // Tomcat answers plain HTTP on a TLS port with a bare 400 and serves nothing of the API.
        HttpResponse<String> plain = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/openapi.json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).doesNotContain("openapi");
    }
}
