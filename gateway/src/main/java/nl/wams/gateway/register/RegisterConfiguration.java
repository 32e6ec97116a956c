package nl.wams.gateway.register;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.audit.ConfigHistory;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.LoadedConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the rules in force and their history. */
@Configuration(proxyBeanMethods = false)
class RegisterConfiguration {

    @Bean
    ConfigHistory configHistory(HikariDataSource auditDataSource) {
        return new ConfigHistory(auditDataSource);
    }

    @Bean
    ActiveRules activeRules(LoadedConfig config, ConfigHistory history, Clock clock) {
        return new ActiveRules(config, new ConfigLoader(), history, AuditSetup.nodeId(config), clock);
    }
}
