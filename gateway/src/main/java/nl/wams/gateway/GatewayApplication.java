package nl.wams.gateway;

import java.util.HashMap;
import java.util.Map;
import nl.wams.gateway.config.LoadedConfig;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The Spring Boot shell around an already validated configuration. Started by the {@code run} command. */
// The audit database and its Flyway migration are built by AuditSetup (shared with the CLI), not by Boot.
@SpringBootApplication(
        exclude = {
            UserDetailsServiceAutoConfiguration.class,
            DataSourceAutoConfiguration.class,
            FlywayAutoConfiguration.class
        })
public class GatewayApplication {

    /** Starts a gateway; {@code overrides} are Spring properties (tests use them for port 0). */
    public static ConfigurableApplicationContext start(LoadedConfig config, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.address", config.gateway().api().host());
        properties.put("server.port", config.gateway().api().port());
        properties.put(
                "camel.springboot.name", "wams-" + config.gateway().identity().oin());
        var tls = config.gateway().api().tls();
        if (tls != null) {
            properties.put("server.ssl.enabled", true);
            properties.put("server.ssl.key-store", "file:" + config.resolve(tls.path()));
            properties.put("server.ssl.key-store-password", new String(tls.secret()));
            properties.put("server.ssl.key-store-type", "PKCS12");
            properties.put("server.ssl.enabled-protocols", "TLSv1.3,TLSv1.2");
            properties.put(
                    "server.ssl.ciphers",
                    "TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384,"
                            + "TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,"
                            + "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
                            + "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        }
        properties.putAll(overrides);
        return new SpringApplicationBuilder(GatewayApplication.class)
                .properties(properties)
                .initializers(context -> context.getBeanFactory().registerSingleton("loadedConfig", config))
                .run();
    }
}
