package nl.wams.gateway.coordination;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import nl.wams.adapters.peer.PeerClient;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.federation.FederationSetup;
import nl.wams.gateway.federation.IncomingProvisions;
import nl.wams.gateway.federation.ReplayStore;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.PeriodicJobs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** Wires the coordinated approach at the college: cases, the dossier, data moving to parties, the letter, retention. */
@Configuration(proxyBeanMethods = false)
class CoordinationConfiguration {

    /** The longest one exchange with another gateway's peer listener may take. */
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    CaseAudit caseAudit(LoadedConfig config, Pseudonyms pseudonyms) {
        return new CaseAudit(config.gateway().identity().oin(), pseudonyms);
    }

    @Bean
    Cases cases(
            HikariDataSource auditDataSource,
            DataCipher dataCipher,
            AuditLog auditLog,
            CaseAudit caseAudit,
            ActiveRules rules,
            Clock clock,
            LoadedConfig config) {
        return new Cases(
                new CaseStore(auditDataSource, dataCipher),
                auditLog,
                caseAudit,
                rules,
                clock,
                config.gateway().coordination().caseRetention());
    }

    @Lazy
    @Bean
    Outbox outbox(FederationSetup federation, AuditLog auditLog, CaseAudit caseAudit, Clock clock) {
        return new Outbox(
                federation.messages(clock),
                federation.signer(),
                new PeerClient(federation.sslContext(), PEER_TIMEOUT),
                auditLog,
                caseAudit);
    }

    @Lazy
    @Bean
    IncomingProvisions incomingProvisions(
            LoadedConfig config, FederationSetup federation, ReplayStore replay, Clock clock) {
        return new IncomingProvisions(
                federation.messages(clock), config.gateway().identity().oin(), replay);
    }

    @Lazy
    @Bean
    CoordinatedApproach coordinatedApproach(
            Cases cases,
            Outbox outbox,
            IncomingProvisions incoming,
            AuditLog auditLog,
            CaseAudit caseAudit,
            ActiveRules rules,
            Clock clock) {
        return new CoordinatedApproach(cases, outbox, incoming, auditLog, caseAudit, rules, clock);
    }

    @Bean
    ClientLetter clientLetter(
            AuditStore auditStore,
            AuditLog auditLog,
            CaseAudit caseAudit,
            ActiveRules rules,
            Clock clock,
            LoadedConfig config) {
        String template = config.gateway().coordination().letterTemplate();
        return new ClientLetter(
                auditStore,
                auditLog,
                caseAudit,
                rules,
                clock,
                template == null
                        ? null
                        : config.file().toAbsolutePath().getParent().resolve(Path.of(template)));
    }

    /** Deletes closed cases past their retention term; every node runs it, the store makes that safe. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService caseRetention(
            LoadedConfig config, ObjectProvider<Cases> cases, HikariDataSource auditDataSource, PeriodicJobs jobs) {
        // Takes the data source so that it stops before the data source closes.
        return jobs.start(
                "wams-case-retention",
                config.gateway().coordination().housekeeping(),
                () -> cases.getObject().deleteExpired());
    }
}
