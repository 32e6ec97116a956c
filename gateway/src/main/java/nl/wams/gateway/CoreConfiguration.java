package nl.wams.gateway;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import nl.wams.gateway.audit.AccessRequests;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.audit.AuditVerifier;
import nl.wams.gateway.audit.Checkpoints;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.audit.SubjectReport;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.request.TransactionIds;
import nl.wams.gateway.storage.DataCipher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires what both roles share: the clock, the audit log from the configuration (database, keys,
 * node id), the data cipher and pseudonyms.
 */
@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AuditStore auditStore(HikariDataSource auditDataSource) {
        return new AuditStore(auditDataSource);
    }

    @Bean
    DataCipher dataCipher(LoadedConfig config) {
        return AuditSetup.dataCipher(config);
    }

    @Bean
    Pseudonyms pseudonyms(LoadedConfig config) {
        return AuditSetup.pseudonyms(config);
    }

    @Bean
    SubjectReport subjectReport(AuditStore store, Pseudonyms pseudonyms, LoadedConfig config) {
        return new SubjectReport(store, pseudonyms, config.gateway());
    }

    /** The hash chains' verifier (the signing key is read once, at start). */
    @Bean
    AuditVerifier auditVerifier(AuditStore store, LoadedConfig config) {
        return new AuditVerifier(store, new Checkpoints(AuditSetup.signingKey(config)));
    }

    @Bean
    AccessRequests accessRequests(SubjectReport reports, AuditLog auditLog, LoadedConfig config) {
        return new AccessRequests(reports, auditLog, config.gateway().identity());
    }

    @Bean(destroyMethod = "close")
    AuditLog auditLog(
            LoadedConfig config, AuditStore store, Clock clock, ObjectProvider<AuditLog.CommitObserver> commits) {
        var checkpoint = config.gateway().audit().checkpoint();
        TransactionIds ids = new TransactionIds(clock);
        return new AuditLog(
                store,
                new Checkpoints(AuditSetup.signingKey(config)),
                AuditSetup.nodeId(config),
                clock,
                checkpoint.everyRecords(),
                checkpoint.every(),
                () -> ids.next().toString(),
                commits.getIfAvailable(() -> AuditLog.CommitObserver.NONE));
    }
}
