package nl.wams.adapters.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.wams.adapters.TransactionIds;
import nl.wams.adapters.peer.PeerProtocolException.Reason;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The peer protocol's signed messages (docs/federation.md): signing and verifying happen here and
 * nowhere else. A request is a compact JWS with
 * {@code iss}, {@code aud}, {@code jti}, {@code iat}, {@code exp} (at most 5 minutes later), the
 * request object ({@code verzoek}) and the trace id; an answer is a compact JWS by the provider
 * that carries the SHA-256 of the request JWS ({@code verzoek_sha256}) and the answer
 * ({@code antwoord}). Only ES256 and PS256 with an {@code x5c} chain to a trust anchor are accepted.
 */
public final class PeerMessages {

    public static final String MEDIA_TYPE = "application/jose";

    public static final int MAX_JWS_BYTES = 256 * 1024;
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    static final Duration SKEW = Duration.ofSeconds(30);
    private static final Set<String> ALGORITHMS = Set.of(JWSAlgorithm.ES256.getName(), JWSAlgorithm.PS256.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Verifies the ES256 signatures of peer messages: Bouncy Castle's P-256 arithmetic verifies about
     * five times faster than Java 17's (0.38 against 1.89 ms on the 2-core machines,
     * {@code bench/signatures.sh}), and verifying handles no secret, so how it is computed cannot leak
     * one. Kept out of the JVM's provider list: nothing else picks it up by accident. Signing stays
     * with the JDK's implementation, the one the platform vets for secret keys: Bouncy Castle 1.87
     * would sign in half the time on Java 17 (its signing inverts the nonce and multiplies in
     * constant-time fixed-width arithmetic), but on Java 25, the runtime the image ships for
     * gateways with peers, the JDK signs as fast (docs/federation.md).
     */
    private static final Provider VERIFYING = new BouncyCastleProvider();

    /**
     * A verifier per signing certificate, with Bouncy Castle's own key made once: Bouncy Castle keeps
     * what it precomputes for a key with that key, so the same peer's next message verifies about
     * three times faster ({@code bench/signatures.sh}). Only the key is kept: chain, validity,
     * revocation and signature are checked for every message.
     */
    private final KeptVerifiers verifiers = new KeptVerifiers();

    private final PeerTrust trust;
    private final Clock clock;
    private final Witness.Source witness;
    private final Witness.Sink witnessed;
    private final TransactionIds messageIds;

    public PeerMessages(PeerTrust trust, Clock clock) {
        this(trust, clock, Witness.Source.NONE, Witness.Sink.NONE);
    }

    /**
     * Every message this signs carries {@code witness}'s latest checkpoint; every message it
     * verifies hands the sender's checkpoint, if it carries one, to {@code witnessed}.
     */
    public PeerMessages(PeerTrust trust, Clock clock, Witness.Source witness, Witness.Sink witnessed) {
        this.trust = trust;
        this.clock = clock;
        this.witness = witness;
        this.witnessed = witnessed;
        this.messageIds = new TransactionIds(clock);
    }

    /**
     * Checks the TLS client certificate chain a peer presented: to a trust anchor, and not revoked
     * (as the trust's revocation policy says). The handshake already checked the anchor; this adds
     * revocation, so a revoked client certificate stops working at once.
     */
    public void checkTlsChain(java.security.cert.X509Certificate[] chain) throws PeerProtocolException {
        trust.validate(List.of(chain), clock.instant());
    }

    /** A new id ({@code jti}) for a message this gateway signs: time-ordered (UUIDv7), unique. */
    public String newMessageId() {
        return messageIds.next().toString();
    }

    /** A request that passed every check but the replay check (which needs shared storage). */
    public record VerifiedRequest(String jti, String requesterOin, Instant expires, String traceId, JsonNode request) {}

    /** Signs a request for the party with OIN {@code providerOin}. */
    public String signRequest(PeerSigner signer, String providerOin, String jti, PeerRequest request, String traceId) {
        return signRequest(signer, providerOin, jti, request.toJson(), traceId);
    }

    /** Signs any JSON as a request (tests use it to send what no gateway would write). */
    public String signRequest(PeerSigner signer, String providerOin, String jti, JsonNode request, String traceId) {
        JWTClaimsSet claims = envelope(signer, providerOin, jti)
                .claim("verzoek", JSON.convertValue(request, Map.class))
                .claim("trace_id", traceId)
                .build();
        return signer.sign(claims, "wams-verzoek+jwt");
    }

    /**
     * Verifies a request: size, algorithm, chain to a trust anchor, signature, {@code iss} = the
     * signer's OIN = the TLS peer's OIN, {@code aud} = this gateway, times and lifetime.
     */
    public VerifiedRequest verifyRequest(String jws, String tlsPeerOin, String ownOin) throws PeerProtocolException {
        VerifiedMessage message = verifyMessage(jws, tlsPeerOin, ownOin, "verzoek");
        return new VerifiedRequest(
                message.jti(),
                message.senderOin(),
                message.expires(),
                String.valueOf(message.traceId()),
                message.content());
    }

    /** A signed message other than a request or answer that passed every check but the replay check. */
    public record VerifiedMessage(String jti, String senderOin, Instant expires, String traceId, JsonNode content) {}

    /**
     * Signs a message of the coordinated approach (a provision of data, an invitation or a
     * contribution to a case meeting) for the gateway with OIN {@code recipientOin}.
     */
    public String signProvision(PeerSigner signer, String recipientOin, String jti, PeerProvision provision) {
        return signProvision(signer, recipientOin, jti, provision.toJson());
    }

    /** Signs any JSON as a provision (tests use it to send what no gateway would write). */
    public String signProvision(PeerSigner signer, String recipientOin, String jti, JsonNode provision) {
        JWTClaimsSet claims = envelope(signer, recipientOin, jti)
                .claim(PROVISION, JSON.convertValue(provision, Map.class))
                .build();
        return signer.sign(claims, "wams-verstrekking+jwt");
    }

    /** Verifies a provision exactly like a request: chain, signature, issuer = TLS peer, audience, times. */
    public VerifiedMessage verifyProvision(String jws, String tlsPeerOin, String ownOin) throws PeerProtocolException {
        return verifyMessage(jws, tlsPeerOin, ownOin, PROVISION);
    }

    private static final String PROVISION = "verstrekking";

    private VerifiedMessage verifyMessage(String jws, String tlsPeerOin, String ownOin, String claim)
            throws PeerProtocolException {
        Signed signed = verifySignature(jws);
        JWTClaimsSet claims = claims(signed.jwt());
        if (!signed.signerOin().equals(claims.getIssuer())) {
            throw new PeerProtocolException(Reason.ISSUER_MISMATCH, "iss is not the OIN of the signing certificate");
        }
        if (!claims.getIssuer().equals(tlsPeerOin)) {
            throw new PeerProtocolException(Reason.ISSUER_MISMATCH, "iss is not the OIN of the TLS client certificate");
        }
        if (claims.getAudience() == null || !claims.getAudience().equals(List.of(ownOin))) {
            throw new PeerProtocolException(Reason.WRONG_AUDIENCE, "aud is not this gateway");
        }
        checkTimes(claims);
        if (claims.getJWTID() == null || claims.getJWTID().isBlank()) {
            throw new PeerProtocolException(Reason.MISSING_CLAIM, "jti missing");
        }
        Object content = claims.getClaim(claim);
        if (!(content instanceof Map)) {
            throw new PeerProtocolException(Reason.MISSING_CLAIM, claim + " missing");
        }
        Object trace = claims.getClaim("trace_id");
        witnessed(claims, claims.getIssuer());
        return new VerifiedMessage(
                claims.getJWTID(),
                claims.getIssuer(),
                claims.getExpirationTime().toInstant(),
                trace == null ? null : String.valueOf(trace),
                JSON.valueToTree(content));
    }

    /** Signs an answer to the request {@code requestJws}, bound to it by its hash. */
    public String signAnswer(PeerSigner signer, String requesterOin, String requestJws, String jti, PeerAnswer answer) {
        return signAnswer(signer, requesterOin, requestJws, jti, answer.toJson());
    }

    /** Signs any JSON as an answer (tests use it to send what no gateway would write). */
    public String signAnswer(PeerSigner signer, String requesterOin, String requestJws, String jti, JsonNode answer) {
        JWTClaimsSet claims = envelope(signer, requesterOin, jti)
                .claim("verzoek_sha256", sha256(requestJws))
                .claim("antwoord", JSON.convertValue(answer, Map.class))
                .build();
        return signer.sign(claims, "wams-antwoord+jwt");
    }

    /**
     * Verifies an answer before anything in it is used: signature and chain, signer OIN = the
     * party that was called, {@code aud} = this gateway, times, and the binding to our request.
     */
    public JsonNode verifyAnswer(String answerJws, String requestJws, String expectedProviderOin, String ownOin)
            throws PeerProtocolException {
        Signed signed = verifySignature(answerJws);
        JWTClaimsSet claims = claims(signed.jwt());
        if (!signed.signerOin().equals(expectedProviderOin) || !expectedProviderOin.equals(claims.getIssuer())) {
            throw new PeerProtocolException(Reason.ISSUER_MISMATCH, "answer not signed by the party that was called");
        }
        if (claims.getAudience() == null || !claims.getAudience().equals(List.of(ownOin))) {
            throw new PeerProtocolException(Reason.WRONG_AUDIENCE, "answer is addressed to someone else");
        }
        checkTimes(claims);
        if (!sha256(requestJws).equals(claims.getClaim("verzoek_sha256"))) {
            throw new PeerProtocolException(Reason.WRONG_BINDING, "answer is bound to another request");
        }
        Object answer = claims.getClaim("antwoord");
        if (!(answer instanceof Map)) {
            throw new PeerProtocolException(Reason.MISSING_CLAIM, "antwoord missing");
        }
        witnessed(claims, claims.getIssuer());
        return JSON.valueToTree(answer);
    }

    /** What every message carries: who signed it, for whom, its id and a lifetime of {@link #MAX_LIFETIME}. */
    private JWTClaimsSet.Builder envelope(PeerSigner signer, String audience, String jti) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder envelope = new JWTClaimsSet.Builder()
                .issuer(signer.oin())
                .audience(audience)
                .jwtID(jti)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(MAX_LIFETIME)));
        witness.latest().ifPresent(w -> envelope.claim(Witness.CLAIM, w.toClaim()));
        return envelope;
    }

    /** Hands a verified message's witnessed checkpoint to the sink; a malformed one makes the message malformed. */
    private void witnessed(JWTClaimsSet claims, String senderOin) throws PeerProtocolException {
        Optional<Witness> carried = Witness.fromClaim(claims.getClaim(Witness.CLAIM));
        if (carried.isPresent()) {
            witnessed.witnessed(senderOin, carried.get());
        }
    }

    private record Signed(SignedJWT jwt, String signerOin) {}

    private Signed verifySignature(String jws) throws PeerProtocolException {
        if (jws == null || jws.length() > MAX_JWS_BYTES) {
            throw new PeerProtocolException(Reason.TOO_LARGE, "JWS missing or larger than " + MAX_JWS_BYTES + " bytes");
        }
        String[] parts = jws.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw new PeerProtocolException(Reason.MALFORMED, "not a compact JWS");
        }
        String alg;
        try {
            alg = JSON.readTree(new Base64URL(parts[0]).decodeToString())
                    .path("alg")
                    .asText();
        } catch (Exception e) {
            throw new PeerProtocolException(Reason.MALFORMED, "header is not JSON");
        }
        if (!ALGORITHMS.contains(alg)) {
            throw new PeerProtocolException(Reason.ALGORITHM_NOT_ALLOWED, "algorithm " + alg + " not accepted");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(jws.strip());
        } catch (ParseException e) {
            throw new PeerProtocolException(Reason.MALFORMED, "not a signed JWT");
        }
        List<Base64> x5c = jwt.getHeader().getX509CertChain();
        List<X509Certificate> chain = PeerTrust.parse(x5c);
        X509Certificate leaf = trust.validate(chain, clock.instant());
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !usage[0]) {
            throw new PeerProtocolException(Reason.UNTRUSTED_CERTIFICATE, "certificate not for digital signatures");
        }
        try {
            JWSVerifier verifier = verifier(x5c.get(0).toString(), leaf);
            if (!jwt.getHeader().getAlgorithm().getName().equals(alg) || !jwt.verify(verifier)) {
                throw new PeerProtocolException(Reason.BAD_SIGNATURE, "signature does not verify");
            }
        } catch (JOSEException | GeneralSecurityException | ClassCastException e) {
            throw new PeerProtocolException(Reason.BAD_SIGNATURE, "signature does not verify");
        }
        String oin = PeerTrust.oin(leaf)
                .orElseThrow(() -> new PeerProtocolException(Reason.UNTRUSTED_CERTIFICATE, "certificate has no OIN"));
        return new Signed(jwt, oin);
    }

    /** The verifier of the certificate {@code leaf}, encoded as {@code encoded} in the message: kept, or made and kept. */
    private JWSVerifier verifier(String encoded, X509Certificate leaf) throws JOSEException, GeneralSecurityException {
        return verifiers.of(encoded, () -> {
            if (leaf.getPublicKey() instanceof ECPublicKey ec) {
                ECPublicKey own = (ECPublicKey)
                        KeyFactory.getInstance("EC", VERIFYING).generatePublic(new X509EncodedKeySpec(ec.getEncoded()));
                ECDSAVerifier ecdsa = new ECDSAVerifier(own);
                ecdsa.getJCAContext().setProvider(VERIFYING);
                return ecdsa;
            }
            return new RSASSAVerifier((RSAPublicKey) leaf.getPublicKey());
        });
    }

    private static JWTClaimsSet claims(SignedJWT jwt) throws PeerProtocolException {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new PeerProtocolException(Reason.MALFORMED, "claims are not JSON");
        }
    }

    private void checkTimes(JWTClaimsSet claims) throws PeerProtocolException {
        Instant now = clock.instant();
        if (claims.getIssueTime() == null || claims.getExpirationTime() == null) {
            throw new PeerProtocolException(Reason.MISSING_CLAIM, "iat and exp are required");
        }
        Instant iat = claims.getIssueTime().toInstant();
        Instant exp = claims.getExpirationTime().toInstant();
        if (!exp.isAfter(now.minus(SKEW))) {
            throw new PeerProtocolException(Reason.EXPIRED, "expired");
        }
        if (iat.isAfter(now.plus(SKEW))
                || (claims.getNotBeforeTime() != null
                        && claims.getNotBeforeTime().toInstant().isAfter(now.plus(SKEW)))) {
            throw new PeerProtocolException(Reason.NOT_YET_VALID, "not yet valid");
        }
        if (Duration.between(iat, exp).compareTo(MAX_LIFETIME) > 0) {
            throw new PeerProtocolException(Reason.LIFETIME_TOO_LONG, "exp more than 5 minutes after iat");
        }
    }

    /** Base64url SHA-256 of the JWS text: binds an answer to exactly one request. */
    public static String sha256(String jws) {
        try {
            return Base64URL.encode(
                            MessageDigest.getInstance("SHA-256").digest(jws.getBytes(StandardCharsets.US_ASCII)))
                    .toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
