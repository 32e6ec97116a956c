package nl.wams.gateway.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import nl.wams.gateway.audit.TimestampAuthority;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A small RFC 3161 time-stamping authority for the demo and the tests (never for production: any
 * RFC 3161 service can be configured): POST a {@code TimeStampReq} to {@code /tsa}, get a signed
 * {@code TimeStampResp}. It can be taken down and brought back, to show that checkpoints wait.
 */
public final class DemoTimestampAuthority implements AutoCloseable {

    /** The demo TSA's policy (a private arc: demo only). */
    static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.3161.1");

    private final HttpServer server;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

    /** The TSA's key and certificate (self-signed, extended key usage timeStamping, critical). */
    public record Keys(PrivateKey key, X509Certificate certificate) {}

    private DemoTimestampAuthority(HttpServer server) {
        this.server = server;
    }

    /** Starts on {@code 127.0.0.1:port} (0: a free port). */
    public static DemoTimestampAuthority start(int port, Keys keys) throws IOException, GeneralSecurityException {
        TimeStampResponseGenerator responses;
        try {
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", keys.key(), keys.certificate()),
                    new JcaDigestCalculatorProviderBuilder()
                            .build()
                            .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                    POLICY);
            tokens.addCertificates(new JcaCertStore(List.of(keys.certificate())));
            responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot set up the demo TSA", e);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        DemoTimestampAuthority tsa = new DemoTimestampAuthority(server);
        server.createContext("/tsa", exchange -> {
            try (exchange) {
                if (tsa.down.get() || !"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(tsa.down.get() ? 503 : 405, -1);
                    return;
                }
                byte[] answer;
                try (InputStream in = exchange.getRequestBody()) {
                    TimeStampRequest request = new TimeStampRequest(in.readNBytes(16 * 1024));
                    answer = responses
                            .generate(request, BigInteger.valueOf(tsa.serial.incrementAndGet()), new Date())
                            .getEncoded();
                } catch (Exception e) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        server.start();
        return tsa;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
    }

    /** Answers 503 from now on (true) or again normally (false). */
    public void down(boolean isDown) {
        down.set(isDown);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A new key and self-signed time-stamping certificate, valid from now for {@code validity}. */
    public static Keys generate(String name, Duration validity) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + name + ", O=wams-gateway demo");
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(validity)),
                    subject,
                    pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new Keys(pair.getPrivate(), certificate);
        } catch (Exception e) {
            throw new GeneralSecurityException("cannot make the TSA certificate", e);
        }
    }

    /** Writes {@code <prefix>.key.pem} (PKCS#8) and {@code <prefix>.crt.pem}. */
    public static void write(Keys keys, Path dir, String prefix) throws IOException {
        Files.writeString(
                dir.resolve(prefix + ".key.pem"),
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                                .encodeToString(keys.key().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(keys.certificate());
        }
        Files.writeString(dir.resolve(prefix + ".crt.pem"), pem.toString());
    }

    /** Reads what {@link #write} wrote. */
    public static Keys read(Path dir, String prefix) throws IOException, GeneralSecurityException {
        String key = Files.readString(dir.resolve(prefix + ".key.pem"))
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        PrivateKey privateKey = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key)));
        return new Keys(privateKey, TimestampAuthority.certificate(dir.resolve(prefix + ".crt.pem")));
    }
}
