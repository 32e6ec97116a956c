package nl.wams.gateway.audit;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * An RFC 3161 time-stamping authority as the audit log uses it: asks a token for the SHA-256 of a
 * signed checkpoint (with a nonce, the TSA's certificate requested), checks the answer before
 * keeping it, and verifies a kept token against the configured TSA certificate. Nothing is thrown
 * for a TSA that cannot be reached or answers badly: that is {@link Stamped.Failed}, and the
 * checkpoint waits for a later round.
 */
public final class TimestampAuthority {

    /** The largest answer read from a TSA. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI url;
    private final X509Certificate certificate;
    private final Duration timeout;
    private final HttpClient http;

    public TimestampAuthority(URI url, X509Certificate certificate, Duration timeout) {
        this.url = url;
        this.certificate = certificate;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The TSA certificate in a PEM or DER file. */
    public static X509Certificate certificate(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** What came of asking for a token. */
    public sealed interface Stamped {
        /** The token (DER) and the time it proves. */
        record Token(byte[] der, Instant time) implements Stamped {}

        /** No usable token now: why, without anything of the data. */
        record Failed(String reason) implements Stamped {}
    }

    /** Asks a token for {@code data}; checked against the request and the configured certificate. */
    public Stamped stamp(byte[] data) {
        byte[] digest = sha256(data);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, digest, new BigInteger(64, RANDOM));
        HttpResponse<InputStream> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(timeout)
                            .header("Content-Type", "application/timestamp-query")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return new Stamped.Failed("TSA not reachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Stamped.Failed("interrupted");
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ANSWER_BYTES + 1);
        } catch (IOException e) {
            return new Stamped.Failed("TSA answer incomplete: " + e.getClass().getSimpleName());
        }
        if (response.statusCode() != 200) {
            return new Stamped.Failed("TSA answered HTTP " + response.statusCode());
        }
        if (body.length > MAX_ANSWER_BYTES) {
            return new Stamped.Failed("TSA answer larger than " + MAX_ANSWER_BYTES + " bytes");
        }
        try {
            TimeStampResponse answer = new TimeStampResponse(body);
            answer.validate(request);
            TimeStampToken token = answer.getTimeStampToken();
            if (token == null) {
                return new Stamped.Failed("TSA refused: status " + answer.getStatus());
            }
            byte[] der = token.getEncoded();
            return new Stamped.Token(der, verify(der, data, certificate));
        } catch (TSPException | IOException | IllegalArgumentException | IllegalStateException e) {
            return new Stamped.Failed("TSA answer not valid: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The time a token proves for {@code data}: signed by {@code tsa} (a certificate for time
     * stamping), over the SHA-256 of exactly these bytes. IllegalStateException says what is wrong.
     */
    public static Instant verify(byte[] der, byte[] data, X509Certificate tsa) {
        try {
            TimeStampToken token = new TimeStampToken(new CMSSignedData(der));
            if (!token.getSID().match(new JcaX509CertificateHolder(tsa))) {
                throw new IllegalStateException("token not signed by the configured TSA");
            }
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
            if (!TSPAlgorithms.SHA256.equals(token.getTimeStampInfo().getMessageImprintAlgOID())
                    || !Arrays.equals(token.getTimeStampInfo().getMessageImprintDigest(), sha256(data))) {
                throw new IllegalStateException("token is for other data");
            }
            return token.getTimeStampInfo().getGenTime().toInstant();
        } catch (TSPException | CMSException | IOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("token does not verify: " + e.getMessage(), e);
        }
    }

    /** The bytes a checkpoint's token is over: its compact JWS. */
    static byte[] bytes(String jws) {
        return jws.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
