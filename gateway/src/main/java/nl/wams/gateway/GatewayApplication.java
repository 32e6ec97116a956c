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
        properties.putAll(overrides);
        return new SpringApplicationBuilder(GatewayApplication.class)
                .properties(properties)
                .initializers(context -> context.getBeanFactory().registerSingleton("loadedConfig", config))
                .run();
    }
}
