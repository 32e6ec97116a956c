package nl.wams.gateway.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.wams.gateway.federation.DemoPki;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code certs generate}: a demo PKI, for the demo organisations or any one organisation, from a
 * new or an existing root CA; {@code certs issuer-key}: a token issuer's signing key and JWKS.
 * Demo and test use only: production keys come from the organisation's own PKI (PKIoverheid).
 */
@Command(
        name = "certs",
        mixinStandardHelpOptions = true,
        description = "Demo certificates and keys (never for production).",
        subcommands = {CertsCommand.Generate.class, CertsCommand.Revoke.class, CertsCommand.IssuerKey.class})
final class CertsCommand {

    static final int USAGE = 2;

    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description = "Create TLS and signing certificates (PKCS#12, and PEM with PKCS#8 keys) for the demo"
                    + " organisations, or for one organisation with --org and --oin; from a new root CA, or"
                    + " from an existing one with --ca-cert and --ca-key.")
    static final class Generate implements Callable<Integer> {

        @Option(names = "--out", required = true, description = "Folder to write into (created if missing).")
        Path out;

        @Option(
                names = "--valid-days",
                defaultValue = "730",
                description = "Validity of organisation certificates; default ${DEFAULT-VALUE}.")
        int validDays;

        @Option(
                names = "--crl-url",
                description =
                        "Issue certificates that name this URL as their CRL distribution point, and write the CA's"
                                + " (empty) CRL as root-ca.crl; 'certs revoke' adds to it. Serve the file at the URL.")
        String crlUrl;

        @ArgGroup(exclusive = false)
        OneOrganisation organisation;

        @ArgGroup(exclusive = false)
        ExistingCa existing;

        static final class OneOrganisation {
            @Option(names = "--org", required = true, description = "The organisation's name (certificate O).")
            String name;

            @Option(
                    names = "--oin",
                    required = true,
                    description = "The organisation's OIN, 20 digits (certificate serialNumber).")
            String oin;

            @Option(names = "--id", description = "File name prefix; default the name in lower case with hyphens.")
            String id;
        }

        static final class ExistingCa {
            @Option(names = "--ca-cert", required = true, description = "The root CA certificate (PEM).")
            Path cert;

            @Option(names = "--ca-key", required = true, description = "The root CA's private key (PEM).")
            Path key;
        }

        @Override
        public Integer call() throws Exception {
            List<DemoPki.Organisation> organisations = DemoPki.DEMO;
            if (organisation != null) {
                if (!organisation.oin.matches("[0-9]{20}")) {
                    System.err.println("--oin must be 20 digits (an OIN), not what was given");
                    return USAGE;
                }
                String id = organisation.id != null ? organisation.id : slug(organisation.name);
                if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                    System.err.println("--id must be lower-case letters, digits and hyphens");
                    return USAGE;
                }
                organisations = List.of(new DemoPki.Organisation(id, organisation.oin, organisation.name));
            }
            Files.createDirectories(out);
            DemoPki pki;
            if (existing != null) {
                try {
                    pki = DemoPki.of(certificate(existing.cert), privateKey(existing.key));
                } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                    System.err.println("cannot read the CA from --ca-cert/--ca-key: "
                            + e.getClass().getSimpleName());
                    return USAGE;
                }
            } else {
                pki = DemoPki.create("wams-gateway Demo Root CA", Duration.ofDays(3650));
                pki.writeTrust(out);
                pki.writeCaKey(out);
            }
            if (crlUrl != null) {
                if (!crlUrl.matches("https?://[^\\s?#]+")) {
                    System.err.println("--crl-url must be an http(s) URL");
                    return USAGE;
                }
                pki = pki.withCrl(crlUrl);
                Files.write(out.resolve("root-ca.crl"), pki.crl(List.of(), Duration.ofDays(REVOKE_CRL_DAYS)));
            }
            Instant now = Instant.now();
            Instant notAfter = now.plus(Duration.ofDays(validDays));
            for (DemoPki.Organisation org : organisations) {
                DemoPki.write(out, org.id() + "-tls", pki.tls(org, now.minus(Duration.ofMinutes(5)), notAfter));
                DemoPki.write(out, org.id() + "-signing", pki.signing(org, now.minus(Duration.ofMinutes(5)), notAfter));
                System.out.printf(
                        "%-24s OIN %s  %s-tls.p12  %s-signing.p12 (+ .crt.pem, .key.pem)%n",
                        org.id(), org.oin(), org.id(), org.id());
            }
            if (existing == null) {
                System.out.printf(
                        "root CA: root-ca.crt.pem (key root-ca.key.pem), trust store: trust.p12 (password %s)."
                                + " DEMO ONLY.%n",
                        DemoPki.PASSWORD);
            } else {
                System.out.printf(
                        "issued by the CA of %s; PKCS#12 password %s. DEMO ONLY.%n", existing.cert, DemoPki.PASSWORD);
            }
            return 0;
        }

        static String slug(String name) {
            return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        }

        static X509Certificate certificate(Path file) throws IOException, GeneralSecurityException {
            try (InputStream in = Files.newInputStream(file)) {
                return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
        }

        static PrivateKey privateKey(Path file) throws IOException {
            try (Reader in = Files.newBufferedReader(file);
                    PEMParser parser = new PEMParser(in)) {
                Object read = parser.readObject();
                JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                if (read instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (read instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                throw new IllegalArgumentException("not a private key");
            }
        }
    }

    /** How long a CRL written by these commands is valid (its next update). */
    static final int REVOKE_CRL_DAYS = 7;

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Revoke certificates of the demo CA: write the CA's CRL (valid for 7 days) listing them and"
                    + " every certificate the existing CRL already lists. Serve the file at the CRL URL the"
                    + " certificates name.")
    static final class Revoke implements Callable<Integer> {
        @Option(names = "--ca-cert", required = true, description = "The root CA certificate (PEM).")
        Path caCert;

        @Option(names = "--ca-key", required = true, description = "The root CA's private key (PEM).")
        Path caKey;

        @Option(names = "--crl", required = true, description = "The CRL file to update (created if missing).")
        Path crl;

        @Option(names = "--cert", required = true, description = "A certificate to revoke (PEM); repeatable.")
        List<Path> certificates;

        @Override
        public Integer call() throws Exception {
            DemoPki pki;
            List<java.math.BigInteger> serials = new java.util.ArrayList<>();
            try {
                pki = DemoPki.of(Generate.certificate(caCert), Generate.privateKey(caKey));
                if (Files.exists(crl)) {
                    serials.addAll(pki.revokedSerials(crl));
                }
                for (Path certificate : certificates) {
                    X509Certificate revoked = Generate.certificate(certificate);
                    revoked.verify(pki.ca().getPublicKey());
                    serials.add(revoked.getSerialNumber());
                }
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                System.err.println("cannot revoke: " + e.getClass().getSimpleName()
                        + " (a CA, CRL or certificate that is not readable, or not of this CA)");
                return USAGE;
            }
            Files.write(crl, pki.crlOfSerials(serials.stream().distinct().toList(), Duration.ofDays(REVOKE_CRL_DAYS)));
            System.out.printf(
                    "%s lists %d revoked certificate(s); valid for %d days. DEMO ONLY.%n",
                    crl, serials.stream().distinct().count(), REVOKE_CRL_DAYS);
            return 0;
        }
    }

    @Command(
            name = "issuer-key",
            mixinStandardHelpOptions = true,
            description = "Create a token issuer's EC P-256 signing key (private JWK, for the issuer or the token"
                    + " command) and its JWKS (public only, for authentication.jwks-file).")
    static final class IssuerKey implements Callable<Integer> {

        @Option(names = "--out", required = true, description = "Folder to write into (created if missing).")
        Path out;

        @Option(names = "--name", defaultValue = "issuer", description = "File name prefix; default ${DEFAULT-VALUE}.")
        String name;

        @Option(names = "--kid", description = "Key id; default the name and today's date.")
        String kid;

        @Override
        public Integer call() throws IOException, JOSEException {
            if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                System.err.println("--name must be lower-case letters, digits and hyphens");
                return USAGE;
            }
            Files.createDirectories(out);
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyID(kid != null ? kid : name + "-" + java.time.LocalDate.now())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
            Path privateJwk = out.resolve(name + ".private.jwk.json");
            Path jwks = out.resolve(name + ".jwks.json");
            Files.writeString(privateJwk, key.toJSONString());
            Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString(true));
            System.out.printf(
                    "%s (private: keep it with the issuer)%n%s (public: authentication.jwks-file)%nkid %s%n",
                    privateJwk, jwks, key.getKeyID());
            return 0;
        }
    }
}
