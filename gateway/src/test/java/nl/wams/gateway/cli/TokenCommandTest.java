package nl.wams.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenCommandTest {

    @Test
    void printsATokenTheDemoGatewayTrusts() throws Exception {
        var run = ConfigValidateCommandTest.run(
                "token",
                "--key",
                "../certs-example/demo-issuer.private.jwk.json",
                "--role",
                "coordinator",
                "--sub",
                "demo-coordinator",
                "--config",
                "../config/demo/gemeente.yml");

        assertThat(run.code()).isZero();
        SignedJWT jwt = SignedJWT.parse(run.out().trim());
        var publicKey = JWKSet.load(new File("../certs-example/demo-issuer.jwks.json"))
                .getKeys()
                .get(0)
                .toECKey();
        assertThat(jwt.verify(new ECDSAVerifier(publicKey))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("https://idp.voorbeeldstad.example");
        assertThat(claims.getAudience()).containsExactly("wams-gateway");
        assertThat(claims.getSubject()).isEqualTo("demo-coordinator");
        assertThat(claims.getStringListClaim("roles")).containsExactly("coordinator");
        assertThat(claims.getExpirationTime().toInstant())
                .isBefore(Instant.now().plus(Duration.ofMinutes(16)));
    }
}
