package nl.wams.gateway.audit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.wams.gateway.storage.StoredTime;

/**
 * Signs and checks checkpoints: an ES256 JWS over (node, seq, hash) with the gateway's audit key.
 * A signed checkpoint pins everything before it: recomputing the chain after tampering cannot
 * reproduce a signature without the key.
 */
public final class Checkpoints {

    private final ECKey key;
    private final List<ECKey> previous;

    /** With a private key for signing, or a public key for verifying only. */
    public Checkpoints(ECKey key) {
        this(key, List.of());
    }

    /**
     * Signs with {@code key}; verifies what it or one of the {@code previous} keys signed (the one
     * the checkpoint's {@code kid} names), so checkpoints keep verifying after the key is rolled over.
     */
    public Checkpoints(ECKey key, List<ECKey> previous) {
        this.key = key;
        this.previous = List.copyOf(previous);
    }

    /** The public key a checkpoint names by its {@code kid}: the current one, else a previous one with that id. */
    private ECKey verifier(String kid) {
        if (kid == null || kid.equals(key.getKeyID())) {
            return key.toPublicJWK();
        }
        return previous.stream()
                .filter(k -> kid.equals(k.getKeyID()))
                .findFirst()
                .map(ECKey::toPublicJWK)
                .orElse(key.toPublicJWK());
    }

    AuditStore.StoredCheckpoint sign(String nodeId, long seq, String hash, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("node", nodeId)
                .claim("seq", seq)
                .claim("hash", hash)
                .issueTime(Date.from(now))
                .build();
        SignedJWT jws = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(new JOSEObjectType("wams-audit-checkpoint+jwt"))
                        .build(),
                claims);
        try {
            jws.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign checkpoint", e);
        }
        return new AuditStore.StoredCheckpoint(nodeId, seq, hash, StoredTime.format(now), jws.serialize());
    }

    /** Why the checkpoint is not trustworthy, or empty when its signature and content hold. */
    public Optional<String> problem(AuditStore.StoredCheckpoint checkpoint) {
        try {
            SignedJWT jws = SignedJWT.parse(checkpoint.jws());
            if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())
                    || !jws.verify(new ECDSAVerifier(verifier(jws.getHeader().getKeyID())))) {
                return Optional.of("signature does not verify with the audit key");
            }
            JWTClaimsSet claims = jws.getJWTClaimsSet();
            if (!checkpoint.nodeId().equals(claims.getStringClaim("node"))
                    || checkpoint.seq() != claims.getLongClaim("seq")
                    || !checkpoint.hash().equals(claims.getStringClaim("hash"))) {
                return Optional.of("stored node/seq/hash differ from the signed ones");
            }
            return Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.of("not a valid JWS");
        }
    }
}
