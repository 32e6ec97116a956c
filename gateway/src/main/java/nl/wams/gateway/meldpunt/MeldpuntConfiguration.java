package nl.wams.gateway.meldpunt;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.coordination.CaseStore;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.routing.AdapterFactory;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.PeriodicJobs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the reporting point. Without a {@code meldpunt} section the beans exist but {@link
 * Meldpunt#enabled()} is false: every path of the reporting point answers 404.
 */
@Configuration(proxyBeanMethods = false)
class MeldpuntConfiguration {

    /** An absent section, for wiring a gateway without a reporting point. */
    private static final GatewayConfig.Meldpunt NONE =
            new GatewayConfig.Meldpunt(null, null, null, null, null, null, null, null, null, null);

    @Bean
    Meldpunt meldpunt(
            LoadedConfig config,
            HikariDataSource auditDataSource,
            DataCipher dataCipher,
            AuditLog auditLog,
            Pseudonyms pseudonyms,
            ActiveRules rules,
            AdapterFactory adapterFactory,
            MeterRegistry registry,
            Clock clock) {
        GatewayConfig gateway = config.gateway();
        GatewayConfig.Meldpunt section = gateway.meldpunt() == null ? NONE : gateway.meldpunt();
        SignalStore store = new SignalStore(auditDataSource, dataCipher);
        MeldpuntAudit audit = new MeldpuntAudit(gateway.identity().oin());
        Intake intake = new Intake(
                store,
                auditLog,
                audit,
                pseudonyms,
                rules,
                new IntakeGuard(
                        section.rateLimit().requests(), section.rateLimit().per(), clock),
                clock);
        for (Intake.Count count : Intake.Count.values()) {
            FunctionCounter.builder("wams_meldpunt_intake", intake, i -> i.count(count))
                    .description("Signals offered to the reporting point, by outcome (never who)")
                    .tag("outcome", count.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        return new Meldpunt(
                gateway.meldpunt() != null,
                section.displayName(gateway.identity()),
                section.required(),
                intake,
                new Triage(store, new CaseStore(auditDataSource, dataCipher), auditLog, audit, rules, clock),
                new Routings(
                        store,
                        new Desks(section, gateway.coarseTables(), adapterFactory),
                        auditLog,
                        audit,
                        rules,
                        clock));
    }

    /**
     * Deletes signals past their term and asks desks' gateways about held signals; every node runs
     * it, the store makes that safe.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService meldpuntHousekeeping(
            LoadedConfig config,
            ObjectProvider<Meldpunt> meldpunt,
            HikariDataSource auditDataSource,
            PeriodicJobs jobs) {
        // Takes the data source so that it stops before the data source closes.
        if (config.gateway().meldpunt() == null) {
            return PeriodicJobs.idle("wams-meldpunt-housekeeping");
        }
        return jobs.start(
                "wams-meldpunt-housekeeping",
                config.gateway().meldpunt().housekeeping(),
                () -> meldpunt.getObject().triage().deleteExpired()
                        + meldpunt.getObject().routings().refresh());
    }
}
