package nl.wams.gateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Bearer tokens whose signature was verified once, kept until they expire, so a client that sends
 * the same token many times costs one signature check (an ES256 verify is most of a request's
 * CPU). Keyed by a SHA-256 of the exact token text; the claims (issuer, audience, expiry, not
 * before, subject) are validated again on every use. Bounded: at most {@code max} tokens, expired
 * ones dropped first; when full of live tokens, a new one is verified every time and not kept.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder signatures;
    private final OAuth2TokenValidator<Jwt> claims;
    private final int max;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    /**
     * @param signatures parses and verifies the signature only (no claim validation)
     * @param claims validated on every use, cached or not
     */
    VerifiedTokens(JwtDecoder signatures, OAuth2TokenValidator<Jwt> claims, int max, Clock clock) {
        this.signatures = signatures;
        this.claims = claims;
        this.max = max;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        String key = hash(token);
        Jwt jwt = verified.get(key);
        if (jwt == null) {
            jwt = signatures.decode(token);
            keep(key, jwt);
        }
        OAuth2TokenValidatorResult result = claims.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("the token's claims are not valid", result.getErrors());
        }
        return jwt;
    }

    private void keep(String key, Jwt jwt) {
        if (jwt.getExpiresAt() == null) {
            return;
        }
        if (verified.size() >= max) {
            Instant now = clock.instant();
            verified.values().removeIf(j -> !j.getExpiresAt().isAfter(now));
        }
        if (verified.size() < max) {
            verified.put(key, jwt);
        }
    }

    int size() {
        return verified.size();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
