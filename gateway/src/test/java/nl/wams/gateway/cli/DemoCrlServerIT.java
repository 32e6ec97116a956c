package nl.wams.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.wams.gateway.federation.DemoPki;
import nl.wams.gateway.support.GatewayProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCrlServerIT {

    @TempDir
    Path dir;

    @Test
    void servesTheRevokedSerialsOfTheFileInAListIssuedAfreshSoACheckedInCrlNeverGoesStale() throws Exception {
        int port = GatewayProcess.freePort();
        String url = "http://127.0.0.1:" + port + "/root-ca.crl";
        var generated = CliRunner.run("certs", "generate", "--out", dir.toString(), "--crl-url", url);
        assertThat(generated.code()).as(generated.err()).isZero();
        X509Certificate ca = CertsCommandTest.certificate(dir.resolve("root-ca.crt.pem"));
        X509Certificate revoked = CertsCommandTest.certificate(dir.resolve("gemeente-tls.crt.pem"));
        // The file in the repository: the right serial, but its next update has passed.
        Path file = dir.resolve("root-ca.crl");
        DemoPki pki = DemoPki.of(ca, CertsCommandTest.pkcs8(dir.resolve("root-ca.key.pem")));
        Files.write(file, pki.crlOfSerials(List.of(revoked.getSerialNumber()), Duration.ZERO));

        try (DemoCrlServer server = DemoCrlServer.start(URI.create(url), file)) {
            HttpResponse<byte[]> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            X509CRL served = (X509CRL)
                    CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.body()));
            served.verify(ca.getPublicKey());
            assertThat(served.getNextUpdate().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(6)));
            assertThat(served.isRevoked(revoked)).isTrue();
            assertThat(served.isRevoked(CertsCommandTest.certificate(dir.resolve("ggz-noordkust-tls.crt.pem"))))
                    .isFalse();
        }
    }
}
