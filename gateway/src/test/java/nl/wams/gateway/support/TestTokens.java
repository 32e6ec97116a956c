package nl.wams.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** A test identity provider: an EC key whose public JWKS a test gateway trusts, and a token minter. */
public final class TestTokens {

    public static final String ISSUER = "https://idp.test.example";
    public static final String AUDIENCE = "wams-gateway";

    private final ECKey key;

    public TestTokens() {
        this.key = newKey("test-issuer");
    }

    public static ECKey newKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path writeJwks(Path dir) throws IOException {
        Path file = dir.resolve("issuer.jwks.json");
        Files.writeString(file, new JWKSet(key.toPublicJWK()).toString());
        return file;
    }

    public String coordinator(String user) {
        return token(claims(user, List.of("coordinator"), Duration.ofMinutes(5)).build());
    }

    public String withRoles(String user, String... roles) {
        return token(claims(user, List.of(roles), Duration.ofMinutes(5)).build());
    }

    public JWTClaimsSet.Builder claims(String user, List<String> roles, Duration ttl) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(user)
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
    }

    public String token(JWTClaimsSet claims) {
        return sign(key, claims);
    }

    public static String sign(ECKey signer, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(signer.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(signer));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
