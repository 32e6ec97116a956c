package nl.wams.demoidp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real OpenID Connect provider (Spring Authorization Server) for one demo organisation, in the
 * demo's process, with fictional people: log in with a name and password, get an ID token with
 * their roles. It exists only for the demo; an organisation uses its own provider.
 */
public final class DemoIdentityProvider implements AutoCloseable {

    /** A fictional person at a demo organisation. The password is the demo's, printed by {@code demo}. */
    public record Person(String username, String password, String name, List<String> roles) {
        @Override
        public String toString() {
            return "Person[" + username + "]";
        }
    }

    /**
     * The provider's settings.
     *
     * @param issuer its issuer URL (http on loopback, as the demo uses it)
     * @param clientId the gateway's client id
     * @param clientSecret the gateway's client secret
     * @param redirectUri where the gateway receives the code
     * @param postLogoutRedirectUri where the provider sends a person after logging out
     */
    public record Settings(
            URI issuer,
            String clientId,
            String clientSecret,
            String redirectUri,
            String postLogoutRedirectUri,
            List<Person> people) {
        @Override
        public String toString() {
            return "Settings[issuer=" + issuer + "]";
        }
    }

    private final ConfigurableApplicationContext context;

    private DemoIdentityProvider(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts the provider on its issuer's host and port; a fresh signing key each start. */
    public static DemoIdentityProvider start(Settings settings) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.address", settings.issuer().getHost());
        properties.put("server.port", settings.issuer().getPort());
        properties.put("spring.main.banner-mode", "off");
        // Every provider of the demo runs on 127.0.0.1: its session cookie is its own.
        properties.put(
                "server.servlet.session.cookie.name",
                "DEMO_IDP_" + settings.issuer().getPort());
        properties.put("server.servlet.session.timeout", Duration.ofHours(8).toSeconds() + "s");
        properties.put("spring.web.resources.add-mappings", false);
        properties.put("logging.level.org.springframework.boot", "WARN");
        properties.put("logging.level.nl.wams.gateway.cli", "WARN");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IdentityProviderConfiguration.class)
                .web(WebApplicationType.SERVLET)
                .initializers(c -> {
                    c.getEnvironment().getPropertySources().addFirst(new MapPropertySource("demo-idp", properties));
                    c.getBeanFactory().registerSingleton("demoIdpSettings", settings);
                    c.getBeanFactory().registerSingleton("demoIdpKeys", keys());
                })
                .run();
        return new DemoIdentityProvider(context);
    }

    private static JWKSource<SecurityContext> keys() {
        try {
            // RSA: ID tokens are RS256 unless a client asks otherwise.
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            return new ImmutableJWKSet<>(new JWKSet(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the demo provider's key", e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
