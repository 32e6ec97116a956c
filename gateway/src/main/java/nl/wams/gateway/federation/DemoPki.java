package nl.wams.gateway.federation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A demo PKI shaped like PKIoverheid: a root CA and, per organisation, a TLS certificate (server
 * and client auth) and a separate signing certificate, both with the organisation's OIN in the
 * subject {@code serialNumber} and its name in {@code O}. Written as PKCS#12 and PEM.
 * For demos and tests only.
 */
public final class DemoPki {

    /** The store password of every generated PKCS#12 file (demo only). */
    public static final String PASSWORD = "changeit";

    /** An organisation to issue certificates for. */
    public record Organisation(String id, String oin, String name) {}

    /** The organisations of the demo federation (fictional). */
    public static final List<Organisation> DEMO = List.of(
            new Organisation("gemeente", "00000099000000000001", "Gemeente Voorbeeldstad"),
            new Organisation("ggz-noordkust", "00000099000000000101", "GGZ Noordkust"),
            new Organisation("woonstichting-de-haven", "00000099000000000202", "Woonstichting De Haven"));

    private final SecureRandom random = new SecureRandom();
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final String crlUrl;

    private DemoPki(KeyPair caKeys, X509Certificate ca) {
        this(caKeys, ca, null);
    }

    private DemoPki(KeyPair caKeys, X509Certificate ca, String crlUrl) {
        this.caKeys = caKeys;
        this.ca = ca;
        this.crlUrl = crlUrl;
    }

    /** The same CA issuing certificates that name {@code url} as their CRL distribution point. */
    public DemoPki withCrl(String url) {
        return new DemoPki(caKeys, ca, url);
    }

    /** A CRL of this CA (DER) revoking {@code revoked}, valid from now for {@code validity}. */
    public byte[] crl(List<X509Certificate> revoked, Duration validity) throws GeneralSecurityException {
        return crlOfSerials(
                revoked.stream().map(X509Certificate::getSerialNumber).toList(), validity);
    }

    /**
     * The serial numbers a CRL file of this CA lists; {@link GeneralSecurityException} when the
     * file is not a CRL signed by this CA.
     */
    public List<BigInteger> revokedSerials(Path crl) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(crl)) {
            X509CRL listed = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
            listed.verify(ca.getPublicKey());
            return listed.getRevokedCertificates() == null
                    ? List.of()
                    : listed.getRevokedCertificates().stream()
                            .map(X509CRLEntry::getSerialNumber)
                            .toList();
        }
    }

    /** A CRL of this CA (DER) revoking the certificates with these serial numbers. */
    public byte[] crlOfSerials(List<BigInteger> revoked, Duration validity) throws GeneralSecurityException {
        Instant now = Instant.now();
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    new JcaX509CertificateHolder(ca).getSubject(), Date.from(now.minus(Duration.ofMinutes(1))));
            builder.setNextUpdate(Date.from(now.plus(validity)));
            for (BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofMinutes(1))), CRLReason.keyCompromise);
            }
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca));
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate()))
                    .getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot make the CRL", e);
        }
    }

    /** A new root CA valid for {@code validity}. */
    public static DemoPki create(String caName, Duration validity) throws GeneralSecurityException {
        KeyPair keys = keyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "NL")
                .addRDN(BCStyle.O, "wams-gateway demo (NOT FOR PRODUCTION)")
                .addRDN(BCStyle.CN, caName)
                .build();
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    serial(new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(validity)),
                    subject,
                    keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new DemoPki(keys, sign(builder, keys));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot create the demo CA", e);
        }
    }

    public X509Certificate ca() {
        return ca;
    }

    /** An existing CA (certificate and its private key), to issue more organisations into one federation. */
    public static DemoPki of(X509Certificate ca, PrivateKey key) {
        return new DemoPki(new KeyPair(ca.getPublicKey(), key), ca);
    }

    /** Writes the CA's private key as {@code root-ca.key.pem} (PKCS#8), to issue more organisations later. */
    public void writeCaKey(Path dir) throws IOException {
        Files.writeString(dir.resolve("root-ca.key.pem"), pem(caKeys.getPrivate()));
    }

    /** A key pair and certificate issued by this CA. */
    public record Issued(KeyPair keys, X509Certificate certificate, X509Certificate ca) {
        public List<X509Certificate> chain() {
            return List.of(certificate, ca);
        }
    }

    /** A TLS certificate (server and client auth) for localhost / 127.0.0.1. */
    public Issued tls(Organisation org, Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        return issue(org, org.name(), notBefore, notAfter, true);
    }

    /** A signing certificate (digital signature, non-repudiation; no TLS use). */
    public Issued signing(Organisation org, Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        return issue(org, org.name() + " ondertekening", notBefore, notAfter, false);
    }

    private Issued issue(Organisation org, String commonName, Instant notBefore, Instant notAfter, boolean tls)
            throws GeneralSecurityException {
        KeyPair keys = keyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "NL")
                .addRDN(BCStyle.O, org.name())
                .addRDN(BCStyle.SERIALNUMBER, org.oin())
                .addRDN(BCStyle.CN, commonName)
                .build();
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    ca, serial(random), Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            if (crlUrl != null) {
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(
                            new DistributionPointName(
                                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl))),
                            null,
                            null)
                }));
            }
            if (tls) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                }));
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(
                            GeneralName.iPAddress,
                            InetAddress.getLoopbackAddress().getHostAddress())
                }));
            } else {
                builder.addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            }
            return new Issued(keys, sign(builder, caKeys), ca);
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot issue a certificate for " + org.id(), e);
        }
    }

    /** Writes {@code <prefix>.p12} (key + chain) and {@code <prefix>.crt.pem} / {@code <prefix>.key.pem}. */
    public static void write(Path dir, String prefix, Issued issued) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                prefix,
                issued.keys().getPrivate(),
                PASSWORD.toCharArray(),
                issued.chain().toArray(new Certificate[0]));
        try (OutputStream out = Files.newOutputStream(dir.resolve(prefix + ".p12"))) {
            store.store(out, PASSWORD.toCharArray());
        }
        Files.writeString(dir.resolve(prefix + ".crt.pem"), pem(issued.certificate()) + pem(issued.ca()));
        Files.writeString(dir.resolve(prefix + ".key.pem"), pem(issued.keys().getPrivate()));
    }

    /** Writes {@code trust.p12} (the root as trust anchor) and {@code root-ca.crt.pem}. */
    public void writeTrust(Path dir) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("wams-demo-root", ca);
        try (OutputStream out = Files.newOutputStream(dir.resolve("trust.p12"))) {
            trust.store(out, PASSWORD.toCharArray());
        }
        Files.writeString(dir.resolve("root-ca.crt.pem"), pem(ca));
    }

    /**
     * PEM text; private keys as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), the form OpenSSL,
     * nginx and Java's {@code PKCS8EncodedKeySpec} read, not the EC-specific SEC1 form.
     */
    static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (object instanceof PrivateKey key) {
                writer.writeObject(new JcaPKCS8Generator(key, null));
            } else {
                writer.writeObject(object);
            }
        }
        return text.toString();
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    }
}
