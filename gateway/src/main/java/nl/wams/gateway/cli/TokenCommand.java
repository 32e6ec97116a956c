package nl.wams.gateway.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.LoadedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code token}: prints a short-lived bearer token signed with a local (demo) issuer key. For demos
 * and tests only; production gateways trust the municipality's own identity provider.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Print a short-lived demo bearer token.")
final class TokenCommand implements Callable<Integer> {

    @Option(names = "--key", required = true, description = "Private EC P-256 JWK of the demo issuer.")
    Path key;

    @Option(names = "--role", required = true, description = "coordinator, auditor or reviewer.")
    String role;

    @Option(names = "--sub", required = true, description = "The user reference (no BSN).")
    String subject;

    @Option(names = "--config", description = "Take issuer and audience from this gateway configuration.")
    Path config;

    @Option(
            names = "--issuer",
            defaultValue = "https://idp.voorbeeldstad.example",
            description = "Default: ${DEFAULT-VALUE}")
    String issuer;

    @Option(names = "--audience", defaultValue = "wams-gateway", description = "Default: ${DEFAULT-VALUE}")
    String audience;

    @Option(names = "--ttl-minutes", defaultValue = "15", description = "Lifetime; default ${DEFAULT-VALUE} minutes.")
    long ttlMinutes;

    @Override
    public Integer call() throws IOException, ParseException, JOSEException {
        if (config != null) {
            LoadedConfig loaded = new ConfigLoader().load(config);
            issuer = loaded.gateway().authentication().issuer();
            audience = loaded.gateway().authentication().audience();
        }
        System.out.println(mint(
                JWK.parse(Files.readString(key)).toECKey(),
                issuer,
                audience,
                subject,
                List.of(role),
                Duration.ofMinutes(ttlMinutes)));
        return 0;
    }

    /** Signs an ES256 access token with the given claims. */
    static String mint(ECKey key, String issuer, String audience, String subject, List<String> roles, Duration ttl)
            throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim("roles", roles)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
