package nl.wams.gateway.participation;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import nl.wams.adapters.PartyAdapter;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.coordination.CaseAudit;
import nl.wams.gateway.coordination.Outbox;
import nl.wams.gateway.federation.IncomingProvisions;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.routing.AdapterFactory;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.PeriodicJobs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** Wires a party's side of the coordinated approach: received data held apart, contributions, the term. */
@Configuration(proxyBeanMethods = false)
class ParticipationConfiguration {

    @Lazy
    @Bean
    Participation participation(
            LoadedConfig config,
            IncomingProvisions incoming,
            HikariDataSource auditDataSource,
            DataCipher dataCipher,
            AuditLog auditLog,
            CaseAudit caseAudit,
            ActiveRules rules,
            Outbox outbox,
            AdapterFactory adapters,
            Clock clock) {
        GatewayConfig.Provider provider = config.gateway().provider();
        PartyAdapter backend = provider == null ? null : adapters.backend(provider.backend(), provider.timeout());
        return new Participation(
                incoming,
                new ReceivedStore(auditDataSource, dataCipher),
                auditLog,
                caseAudit,
                rules,
                outbox,
                backend,
                clock,
                config.gateway().coordination().receivedTerm());
    }

    /** Deletes received data not adopted once its term ended (gateways that receive only). */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService receivedTerm(
            LoadedConfig config,
            ObjectProvider<Participation> participation,
            HikariDataSource auditDataSource,
            PeriodicJobs jobs) {
        // Takes the data source so that it stops before the data source closes.
        return config.gateway().provides() && config.gateway().federation() != null
                ? jobs.start(
                        "wams-received-term",
                        config.gateway().coordination().housekeeping(),
                        () -> participation.getObject().deleteExpired())
                : PeriodicJobs.idle("wams-received-term");
    }
}
