package nl.wams.gateway;

import com.zaxxer.hikari.HikariDataSource;
import java.util.HashMap;
import java.util.Map;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.audit.DatabaseUnavailableException;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.config.TlsPolicy;
import org.springframework.boot.actuate.autoconfigure.metrics.LogbackMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/** The Spring Boot shell around an already validated configuration. Started by the {@code run} command. */
// The audit database and its Flyway migration are built by AuditSetup (shared with the CLI), not by Boot.
@SpringBootApplication(
        exclude = {
            UserDetailsServiceAutoConfiguration.class,
            DataSourceAutoConfiguration.class,
            FlywayAutoConfiguration.class,
            // The demo's identity provider runs in a context of its own; a gateway is never one.
            OAuth2AuthorizationServerAutoConfiguration.class,
            OAuth2AuthorizationServerJwtAutoConfiguration.class,
            // Log events are counted by an appender (operations.LogEventCounter), not a turbo filter.
            LogbackMetricsAutoConfiguration.class
        })
public class GatewayApplication {

    /**
     * The web interface's session cookie, one name per organisation: cookies are per host, not per
     * port, so gateways on one host (the demo's) keep their sessions apart.
     */
    public static String webSessionCookie(GatewayConfig gateway) {
        return "WAMS_" + gateway.identity().oin();
    }

    /**
     * Starts a gateway; {@code overrides} are Spring properties (tests use them for port 0). The
     * gateway YAML is the one source of truth for what it also sets as Spring properties (listen
     * address and port, TLS): those take precedence over environment variables such as
     * {@code SERVER_PORT} and over system properties. The audit database is opened first (waiting at
     * most {@code audit.database-wait}), so a database that does not open stops the start with one
     * line ({@link DatabaseUnavailableException}) before anything listens.
     */
    public static ConfigurableApplicationContext start(LoadedConfig config, Map<String, Object> overrides) {
        HikariDataSource auditDataSource = AuditSetup.dataSource(config);
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.address", config.gateway().api().host());
        properties.put("server.port", config.gateway().api().port());
        // Duplicate JSON keys are refused wherever Spring reads JSON (last-wins hides what was meant).
        properties.put("spring.jackson.parser.strict-duplicate-detection", true);
        // No endpoint takes multipart bodies: they are refused (415) before anything parses them.
        properties.put("spring.servlet.multipart.enabled", false);
        // The dispatcher servlet is initialised at start, not by the first request.
        properties.put("spring.mvc.servlet.load-on-startup", 1);
        properties.put(
                "camel.springboot.name", "wams-" + config.gateway().identity().oin());
        var tls = config.gateway().api().tls();
        if (tls != null) {
            properties.put("server.ssl.enabled", true);
            properties.put("server.ssl.key-store", "file:" + config.resolve(tls.path()));
            properties.put("server.ssl.key-store-password", new String(tls.secret()));
            properties.put("server.ssl.key-store-type", "PKCS12");
            properties.put("server.ssl.enabled-protocols", TlsPolicy.PROTOCOLS);
            properties.put("server.ssl.ciphers", TlsPolicy.CIPHERS);
        }
        var web = config.gateway().web();
        if (web != null) {
            // The web interface's session: ends after the idle timeout, a cookie only (never in a URL).
            properties.put("server.servlet.session.timeout", web.idleTimeout().toSeconds() + "s");
            properties.put("server.servlet.session.tracking-modes", "cookie");
            properties.put("server.servlet.session.cookie.name", webSessionCookie(config.gateway()));
            properties.put("server.servlet.session.cookie.http-only", true);
            properties.put("server.servlet.session.cookie.same-site", "lax");
            properties.put("server.servlet.session.cookie.secure", tls != null);
        }
        var management = config.gateway().management();
        if (management == null) {
            properties.put("management.server.port", -1);
        } else {
            // Health and metrics on a port of their own, loopback by default; never the API or peer listener.
            properties.put("management.server.port", management.port());
            properties.put("management.server.address", management.host());
            properties.put("management.endpoints.web.exposure.include", "health,info,prometheus,configuratie");
            properties.put("management.endpoint.health.probes.enabled", true);
            properties.put("management.endpoint.health.show-details", "always");
            properties.put(
                    "management.endpoint.health.group.readiness.include", "readinessState,db,auditLog,federationKeys");
            properties.put("management.endpoint.health.group.liveness.include", "livenessState");
            properties.put("management.info.env.enabled", false);
        }
        // Logging starts before the initializers run: its configuration is a default property.
        Map<String, Object> logging = LogFormat.fromEnvironment() == LogFormat.JSON
                // Structured (ECS) JSON, one object per line, each with the transaction id of its request.
                ? Map.of("logging.config", "classpath:logback-json.xml")
                : Map.of();
        properties.putAll(overrides);
        try {
            return new SpringApplicationBuilder(GatewayApplication.class)
                    .properties(logging)
                    .initializers(context -> {
                        context.getEnvironment()
                                .getPropertySources()
                                .addFirst(new MapPropertySource("wams-gateway-yaml", properties));
                        context.getBeanFactory().registerSingleton("loadedConfig", config);
                        context.getBeanFactory().registerSingleton("auditDataSource", auditDataSource);
                        context.addApplicationListener(
                                (ApplicationListener<ContextClosedEvent>) closed -> auditDataSource.close());
                    })
                    .run();
        } catch (RuntimeException e) {
            auditDataSource.close();
            throw e;
        }
    }
}
