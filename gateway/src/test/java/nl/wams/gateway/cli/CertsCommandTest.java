package nl.wams.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import nl.wams.adapters.peer.PeerTrust;
import nl.wams.gateway.federation.DemoPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCommandTest {

    @TempDir
    Path dir;

    static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Reads a PEM key the way any PKCS#8 reader does: base64 between the PKCS#8 markers. */
    static PrivateKey pkcs8(Path pem) throws Exception {
        String text = Files.readString(pem);
        assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----").doesNotContain("EC PRIVATE KEY");
        String base64 = text.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    @Test
    void writesPemKeysAsPkcs8ForTheDemoOrganisations() throws Exception {
        var run = ConfigValidateCommandTest.run("certs", "generate", "--out", dir.toString());

        assertThat(run.code()).as(run.err()).isZero();
        for (DemoPki.Organisation org : DemoPki.DEMO) {
            assertThat(pkcs8(dir.resolve(org.id() + "-tls.key.pem"))).isNotNull();
            assertThat(pkcs8(dir.resolve(org.id() + "-signing.key.pem"))).isNotNull();
        }
        assertThat(pkcs8(dir.resolve("root-ca.key.pem"))).isNotNull();
    }

    @Test
    void issuesASetForAnyOrganisationFromAnExistingCa() throws Exception {
        Path federation = dir.resolve("federation");
        assertThat(ConfigValidateCommandTest.run("certs", "generate", "--out", federation.toString())
                        .code())
                .isZero();
        Path testdorp = dir.resolve("testdorp");

        var run = ConfigValidateCommandTest.run(
                "certs",
                "generate",
                "--out",
                testdorp.toString(),
                "--org",
                "Gemeente Testdorp",
                "--oin",
                "00000099000000000777",
                "--ca-cert",
                federation.resolve("root-ca.crt.pem").toString(),
                "--ca-key",
                federation.resolve("root-ca.key.pem").toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("gemeente-testdorp").contains("00000099000000000777");
        X509Certificate tls = certificate(testdorp.resolve("gemeente-testdorp-tls.crt.pem"));
        X509Certificate root = certificate(federation.resolve("root-ca.crt.pem"));
        tls.verify(root.getPublicKey());
        assertThat(PeerTrust.oin(tls)).contains("00000099000000000777");
        assertThat(tls.getSubjectX500Principal().getName()).contains("O=Gemeente Testdorp");
        // The federation's trust store (of the first run) trusts the new organisation's chain.
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(federation.resolve("trust.p12"))) {
            trust.load(in, DemoPki.PASSWORD.toCharArray());
        }
        assertThat(trust.getCertificate(trust.aliases().nextElement())).isEqualTo(root);
        assertThat(Files.exists(testdorp.resolve("trust.p12"))).isFalse();
        assertThat(pkcs8(testdorp.resolve("gemeente-testdorp-signing.key.pem"))).isNotNull();
    }

    @Test
    void refusesAnOinThatIsNotTwentyDigitsInOneLine() {
        var run = ConfigValidateCommandTest.run(
                "certs", "generate", "--out", dir.toString(), "--org", "Gemeente Testdorp", "--oin", "12345");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString().contains("--oin must be 20 digits");
    }

    @Test
    void createsATokenIssuerKeyWhoseJwksVerifiesItsTokens() throws Exception {
        var run = ConfigValidateCommandTest.run(
                "certs", "issuer-key", "--out", dir.toString(), "--name", "idp-testdorp", "--kid", "testdorp-1");
        assertThat(run.code()).as(run.err()).isZero();
        JWKSet jwks = JWKSet.load(dir.resolve("idp-testdorp.jwks.json").toFile());
        assertThat(jwks.getKeys()).singleElement().satisfies(k -> {
            assertThat(k.isPrivate()).isFalse();
            assertThat(k.getKeyID()).isEqualTo("testdorp-1");
        });

        var token = ConfigValidateCommandTest.run(
                "token",
                "--key",
                dir.resolve("idp-testdorp.private.jwk.json").toString(),
                "--role",
                "coordinator",
                "--sub",
                "cw-1",
                "--issuer",
                "https://idp.testdorp.example");

        assertThat(token.code()).as(token.err()).isZero();
        SignedJWT jwt = SignedJWT.parse(token.out().trim());
        assertThat(jwt.verify(new ECDSAVerifier(jwks.getKeys().get(0).toECKey())))
                .isTrue();
    }

    @Test
    void aCaWithACrlIssuesCertificatesThatNameItAndRevokeAddsToTheCrl() throws Exception {
        var generated = CliRunner.run(
                "certs", "generate", "--out", dir.toString(), "--crl-url", "http://127.0.0.1:8097/root-ca.crl");
        assertThat(generated.code()).as(generated.err()).isZero();
        X509Certificate tls = certificate(dir.resolve("gemeente-tls.crt.pem"));
        assertThat(tls.getExtensionValue("2.5.29.31")).isNotNull();
        Path crl = dir.resolve("root-ca.crl");
        assertThat(revoked(crl)).isEmpty();

        String[] revoke = {
            "certs", "revoke",
            "--ca-cert", dir.resolve("root-ca.crt.pem").toString(),
            "--ca-key", dir.resolve("root-ca.key.pem").toString(),
            "--crl", crl.toString(),
            "--cert"
        };
        var first =
                CliRunner.run(concat(revoke, dir.resolve("gemeente-tls.crt.pem").toString()));
        assertThat(first.code()).as(first.err()).isZero();
        var second = CliRunner.run(
                concat(revoke, dir.resolve("ggz-noordkust-signing.crt.pem").toString()));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(revoked(crl))
                .containsExactlyInAnyOrder(
                        tls.getSerialNumber(),
                        certificate(dir.resolve("ggz-noordkust-signing.crt.pem"))
                                .getSerialNumber());

        DemoPki other = DemoPki.create("another root", java.time.Duration.ofDays(1));
        Path foreign = dir.resolve("foreign.crt.pem");
        Files.writeString(
                foreign,
                "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder().encodeToString(other.ca().getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
        assertThat(CliRunner.run(concat(revoke, foreign.toString())).code()).isEqualTo(2);
    }

    static String[] concat(String[] head, String last) {
        String[] all = java.util.Arrays.copyOf(head, head.length + 1);
        all[head.length] = last;
        return all;
    }

    static java.util.List<java.math.BigInteger> revoked(Path crl) throws Exception {
        try (InputStream in = Files.newInputStream(crl)) {
            var list = (java.security.cert.X509CRL)
                    CertificateFactory.getInstance("X.509").generateCRL(in);
            return list.getRevokedCertificates() == null
                    ? java.util.List.of()
                    : list.getRevokedCertificates().stream()
                            .map(java.security.cert.X509CRLEntry::getSerialNumber)
                            .toList();
        }
    }
}
