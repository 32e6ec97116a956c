package nl.wams.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import nl.wams.gateway.support.MutableClock;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class VerifiedTokensTest {

    @TempDir
    Path dir;

    final TestTokens tokens = new TestTokens();
    final MutableClock clock = new MutableClock(Instant.now());
    final AtomicInteger signatureChecks = new AtomicInteger();
    JwtDecoder signatures;
    VerifiedTokens cache;

    @BeforeEach
    void decoder() throws Exception {
        NimbusJwtDecoder nimbus =
                NimbusJwtDecoder.withJwkSetUri("http://unused.invalid").build();
        var keys = com.nimbusds.jose.jwk.JWKSet.load(tokens.writeJwks(dir).toFile());
        var processor = new com.nimbusds.jwt.proc.DefaultJWTProcessor<com.nimbusds.jose.proc.SecurityContext>();
        processor.setJWSKeySelector(new com.nimbusds.jose.proc.JWSVerificationKeySelector<>(
                com.nimbusds.jose.JWSAlgorithm.ES256, new com.nimbusds.jose.jwk.source.ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder verifying = new NimbusJwtDecoder(processor);
        verifying.setJwtValidator(jwt -> org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success());
        signatures = token -> {
            signatureChecks.incrementAndGet();
            return verifying.decode(token);
        };
        JwtTimestampValidator time = new JwtTimestampValidator(Duration.ZERO);
        time.setClock(clock);
        cache = new VerifiedTokens(
                signatures,
                new DelegatingOAuth2TokenValidator<>(time, new JwtIssuerValidator(TestTokens.ISSUER)),
                2,
                clock);
    }

    String token(Duration ttl) {
        return tokens.token(tokens.claims("cw-1", List.of("coordinator"), ttl).build());
    }

    @Test
    void aTokenIsVerifiedOnceAndItsClaimsOnEveryUse() {
        String token = token(Duration.ofMinutes(10));

        for (int i = 0; i < 5; i++) {
            assertThat(cache.decode(token).getSubject()).isEqualTo("cw-1");
        }

        assertThat(signatureChecks.get()).isEqualTo(1);
    }

    @Test
    void aKeptTokenIsRefusedOnceItExpired() {
        String token = token(Duration.ofMinutes(10));
        cache.decode(token);

        clock.advance(Duration.ofMinutes(11));

        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(signatureChecks.get()).isEqualTo(1);
    }

    @Test
    void aChangedTokenIsVerifiedAgainAndRefused() {
        String token = token(Duration.ofMinutes(10));
        cache.decode(token);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"sub\":\"admin\",\"iss\":\"https://idp.test.example\",\"exp\":9999999999}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThatThrownBy(() -> cache.decode(forged))
                .isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);
        assertThat(signatureChecks.get()).isEqualTo(2);
    }

    @Test
    void keepsAtMostTheBoundAndDropsExpiredTokensFirst() {
        String first = token(Duration.ofMinutes(1));
        String second = token(Duration.ofMinutes(10));
        cache.decode(first);
        cache.decode(second);
        String third = token(Duration.ofMinutes(10));

        cache.decode(third);
        assertThat(cache.size()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(2)); // the first expired: room for the fourth
        String fourth = token(Duration.ofMinutes(10));
        cache.decode(fourth);
        cache.decode(fourth);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(signatureChecks.get()).isEqualTo(4);
    }
}
