package nl.wams.gateway.api;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.federation.FederationSetup;
import nl.wams.gateway.federation.ProviderService;
import nl.wams.gateway.federation.ReplayStore;
import nl.wams.gateway.federation.ReviewStore;
import nl.wams.gateway.minimisation.MinimisationFilter;
import nl.wams.gateway.policy.RequestPolicy;
import nl.wams.gateway.request.TransactionIds;
import nl.wams.gateway.routing.AdapterFactory;
import nl.wams.gateway.storage.DataCipher;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;

/**
 * Wires the federation: key material (only built when a peer party or the provider role needs
 * it), the provider service, and the separate mutual-TLS peer listener.
 */
@Configuration(proxyBeanMethods = false)
class FederationConfiguration {

    /** TLS 1.3 suites and forward-secret (ECDHE) TLS 1.2 suites only. */
    static final String CIPHERS = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
            + "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:"
            + "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305";

    @Lazy
    @Bean
    FederationSetup federationSetup(LoadedConfig config) {
        return new FederationSetup(config);
    }

    @Lazy
    @Bean
    ProviderService providerService(
            LoadedConfig config,
            FederationSetup federation,
            AdapterFactory adapters,
            MinimisationFilter minimisation,
            AuditLog auditLog,
            Pseudonyms pseudonyms,
            HikariDataSource auditDataSource,
            ReviewStore reviewStore,
            Clock clock) {
        GatewayConfig.Provider provider = config.gateway().provider();
        return new ProviderService(
                config.gateway(),
                federation.messages(clock),
                federation.signer(),
                new ReplayStore(auditDataSource, clock),
                adapters.backend(provider.backend(), provider.timeout()),
                minimisation,
                auditLog,
                pseudonyms,
                reviewStore,
                provider.reviewTerm(),
                clock,
                new TransactionIds(clock)::next,
                new RequestPolicy(config.gateway(), config.catalogue()));
    }

    /** Loads the key material at start-up when there is any: fails fast, and warns about expiring certificates. */
    @Bean
    SmartInitializingSingleton federationKeysAtStartup(
            LoadedConfig config, ObjectProvider<FederationSetup> federation) {
        return () -> {
            if (config.gateway().federation() != null) {
                federation.getObject();
            }
        };
    }

    @Lazy
    @Bean
    ReviewStore reviewStore(HikariDataSource auditDataSource, DataCipher dataCipher) {
        return new ReviewStore(auditDataSource, dataCipher);
    }

    /** Closes reviews past their term, so that no requester waits forever. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService reviewExpiry(LoadedConfig config, ObjectProvider<ProviderService> provider) {
        var scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wams-review-expiry");
            t.setDaemon(true);
            return t;
        });
        if (config.gateway().provides()) {
            long every = config.gateway().provider().expiryCheck().toMillis();
            scheduler.scheduleWithFixedDelay(
                    () -> {
                        try {
                            provider.getObject().reviews().expire();
                        } catch (Exception e) {
                            LoggerFactory.getLogger(FederationConfiguration.class)
                                    .warn(
                                            "review expiry failed: {}",
                                            e.getClass().getSimpleName());
                        }
                    },
                    every,
                    every,
                    TimeUnit.MILLISECONDS);
        }
        return scheduler;
    }

    @Bean
    PeerListener peerListener(LoadedConfig config) {
        return new PeerListener(config.gateway().provides() ? peerConnector(config) : null);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> peerConnectorCustomizer(PeerListener listener) {
        return factory -> listener.connector().ifPresent(factory::addAdditionalTomcatConnectors);
    }

    @Bean
    FilterRegistrationBean<ListenerSeparationFilter> listenerSeparationFilter(
            PeerListener listener, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(new ListenerSeparationFilter(listener, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /** Its own port, client certificates required and checked against the federation's trust anchors. */
    private static Connector peerConnector(LoadedConfig config) {
        GatewayConfig.Federation federation = config.gateway().federation();
        Connector connector = new Connector(Http11NioProtocol.class.getName());
        connector.setPort(
                federation.listener() == null ? 8443 : federation.listener().port());
        connector.setProperty(
                "address",
                federation.listener() == null
                        ? "127.0.0.1"
                        : federation.listener().host());
        connector.setScheme("https");
        connector.setSecure(true);
        Http11NioProtocol protocol = (Http11NioProtocol) connector.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig ssl = new SSLHostConfig();
        ssl.setProtocols("TLSv1.3,TLSv1.2");
        ssl.setCiphers(CIPHERS);
        ssl.setHonorCipherOrder(true);
        ssl.setCertificateVerification("required");
        ssl.setTruststoreFile(config.resolve(federation.trustStore().path()).toString());
        ssl.setTruststorePassword(new String(federation.trustStore().secret()));
        ssl.setTruststoreType("PKCS12");
        SSLHostConfigCertificate certificate =
                new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystoreFile(
                config.resolve(federation.tls().path()).toString());
        certificate.setCertificateKeystorePassword(new String(federation.tls().secret()));
        certificate.setCertificateKeystoreType("PKCS12");
        ssl.addCertificate(certificate);
        protocol.addSslHostConfig(ssl);
        return connector;
    }
}
