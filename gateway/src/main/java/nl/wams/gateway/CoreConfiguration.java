package nl.wams.gateway;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import nl.wams.adapters.TransactionIds;
import nl.wams.gateway.audit.AccessRequests;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.audit.AuditVerifier;
import nl.wams.gateway.audit.CheckpointTimestamps;
import nl.wams.gateway.audit.Checkpoints;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.audit.SubjectReport;
import nl.wams.gateway.audit.TimestampAuthority;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.H2Compaction;
import nl.wams.gateway.storage.PeriodicJobs;
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

    /** Runs the background jobs; the operations metrics observe them when they are there. */
    @Bean
    PeriodicJobs periodicJobs(ObjectProvider<PeriodicJobs.Observer> observer) {
        return new PeriodicJobs(observer.getIfAvailable(() -> PeriodicJobs.Observer.NONE));
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

    /** The hash chains' verifier (the signing key and the TSA certificate are read once, at start). */
    @Bean
    AuditVerifier auditVerifier(AuditStore store, LoadedConfig config) {
        return new AuditVerifier(
                store,
                new Checkpoints(AuditSetup.signingKey(config), AuditSetup.previousSigningKeys(config)),
                AuditSetup.tsaCertificate(config));
    }

    /** Rewrites the embedded H2 file's emptiest chunks, so it does not grow without bound (PostgreSQL: idle). */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService h2Compaction(HikariDataSource auditDataSource, PeriodicJobs jobs) {
        return H2Compaction.job(auditDataSource.getJdbcUrl(), auditDataSource, jobs);
    }

    /**
     * Stamps this node's signed checkpoints with the configured TSA, oldest first; a checkpoint the
     * TSA cannot stamp now waits for the next round (the metrics say how many and how long).
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService checkpointTimestamping(
            LoadedConfig config,
            AuditStore store,
            Clock clock,
            MeterRegistry registry,
            HikariDataSource auditDataSource,
            PeriodicJobs jobs) {
        var timestamping = config.gateway().audit().timestamping();
        if (timestamping == null) {
            return PeriodicJobs.idle("wams-checkpoint-timestamps");
        }
        CheckpointTimestamps stamps = new CheckpointTimestamps(
                store.dataSource(),
                new TimestampAuthority(
                        URI.create(timestamping.url()), AuditSetup.tsaCertificate(config), timestamping.timeout()),
                AuditSetup.nodeId(config),
                clock);
        Gauge.builder(
                        "wams_audit_checkpoints_untimestamped",
                        stamps,
                        s -> backlog(s).checkpoints())
                .description("This node's signed checkpoints still waiting for an RFC 3161 timestamp")
                .strongReference(true)
                .register(registry);
        Gauge.builder(
                        "wams_audit_timestamp_lag_seconds",
                        stamps,
                        s -> backlog(s).oldest().toSeconds())
                .description("How long the oldest checkpoint without a timestamp has waited")
                .strongReference(true)
                .register(registry);
        return jobs.start("wams-checkpoint-timestamps", timestamping.every(), stamps::catchUp);
    }

    private static CheckpointTimestamps.Backlog backlog(CheckpointTimestamps stamps) {
        try {
            return stamps.backlog();
        } catch (SQLException e) {
            return new CheckpointTimestamps.Backlog(-1, java.time.Duration.ZERO);
        }
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
