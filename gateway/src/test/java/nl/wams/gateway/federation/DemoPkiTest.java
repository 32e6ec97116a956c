package nl.wams.gateway.federation;

import static nl.wams.gateway.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code certs generate} makes a PKIoverheid-shaped demo set: checked file by file. */
class DemoPkiTest {

    @TempDir
    Path dir;

    static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, DemoPki.PASSWORD.toCharArray());
        }
        return store;
    }

    static X509Certificate leaf(KeyStore store) throws Exception {
        String alias = store.aliases().nextElement();
        return (X509Certificate) store.getCertificateChain(alias)[0];
    }

    static String attribute(X509Certificate cert, String name) {
        String rfc2253 =
                cert.getSubjectX500Principal().getName(X500Principal.RFC2253, Map.of("2.5.4.5", "SERIALNUMBER"));
        return Arrays.stream(rfc2253.split(","))
                .filter(part -> part.startsWith(name + "="))
                .map(part -> part.substring(name.length() + 1))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void generatesARootAndPerOrganisationTlsAndSigningCertificates() throws Exception {
        var result = run("certs", "generate", "--out", dir.toString());
        assertThat(result.code()).as(result.err()).isZero();

        KeyStore trust = load(dir.resolve("trust.p12"));
        X509Certificate root =
                (X509Certificate) trust.getCertificate(trust.aliases().nextElement());
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(Files.readString(dir.resolve("root-ca.crt.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        for (DemoPki.Organisation org : DemoPki.DEMO) {
            KeyStore tlsStore = load(dir.resolve(org.id() + "-tls.p12"));
            X509Certificate tls = leaf(tlsStore);
            assertThat(attribute(tls, "SERIALNUMBER")).isEqualTo(org.oin());
            assertThat(attribute(tls, "O")).isEqualTo(org.name());
            assertThat(tls.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
            assertThat(tls.getSubjectAlternativeNames().stream()
                            .map(san -> String.valueOf(san.get(1)))
                            .toList())
                    .contains("localhost", "127.0.0.1");
            assertThat(tlsStore.getKey(tlsStore.aliases().nextElement(), DemoPki.PASSWORD.toCharArray()))
                    .isNotNull();
            assertThat(chainsTo(root, tls)).isTrue();

            X509Certificate signing = leaf(load(dir.resolve(org.id() + "-signing.p12")));
            assertThat(attribute(signing, "SERIALNUMBER")).isEqualTo(org.oin());
            assertThat(signing.getKeyUsage()[0]).as("digitalSignature").isTrue();
            assertThat(signing.getExtendedKeyUsage()).isNull();
            assertThat(signing.getPublicKey()).isNotEqualTo(tls.getPublicKey());
            assertThat(chainsTo(root, signing)).isTrue();
            assertThat(Files.readString(dir.resolve(org.id() + "-tls.key.pem"))).contains("PRIVATE KEY");
            assertThat(Files.readString(dir.resolve(org.id() + "-signing.crt.pem")))
                    .contains("BEGIN CERTIFICATE");
        }
    }

    @Test
    void theShippedDemoSetHasTheSameShape() throws Exception {
        Path shipped = Path.of("../certs-example");
        for (DemoPki.Organisation org : DemoPki.DEMO) {
            assertThat(attribute(leaf(load(shipped.resolve(org.id() + "-tls.p12"))), "SERIALNUMBER"))
                    .isEqualTo(org.oin());
            assertThat(shipped.resolve(org.id() + "-signing.p12")).exists();
        }
        assertThat(Files.readString(shipped.resolve("README.md"))).contains("DEMO");
    }

    static boolean chainsTo(X509Certificate root, X509Certificate cert) {
        try {
            var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert));
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(path, params);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
