package nl.wams.gateway.provider;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import nl.wams.adapters.TransactionIds;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.federation.FederationSetup;
import nl.wams.gateway.federation.ReplayStore;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.routing.AdapterFactory;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.PeriodicJobs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** Wires the provider role: the exchange with peer gateways, its reviews and the end of their term. */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    @Lazy
    @Bean
    ProviderService providerService(
            LoadedConfig config,
            ActiveRules rules,
            FederationSetup federation,
            AdapterFactory adapters,
            AuditLog auditLog,
            Pseudonyms pseudonyms,
            ReplayStore replay,
            ReviewStore reviewStore,
            ObjectProvider<ProviderService.PeerRefusals> refusals,
            Clock clock) {
        GatewayConfig.Provider provider = config.gateway().provider();
        return new ProviderService(
                config.gateway().identity(),
                rules,
                federation.messages(clock),
                federation.signer(),
                replay,
                adapters.backend(provider.backend(), provider.timeout()),
                auditLog,
                pseudonyms,
                reviewStore,
                clock,
                new TransactionIds(clock)::next,
                refusals.getIfAvailable(() -> ProviderService.PeerRefusals.NONE));
    }

    @Lazy
    @Bean
    ReviewStore reviewStore(HikariDataSource auditDataSource, DataCipher dataCipher) {
        return new ReviewStore(auditDataSource, dataCipher);
    }

    /** Closes reviews past their term, so that no requester waits forever. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService reviewExpiry(
            LoadedConfig config, ObjectProvider<ProviderService> provider, PeriodicJobs jobs) {
        return config.gateway().provides()
                ? jobs.start(
                        "wams-review-expiry",
                        config.gateway().provider().expiryCheck(),
                        () -> provider.getObject().reviews().expire())
                : PeriodicJobs.idle("wams-review-expiry");
    }
}
