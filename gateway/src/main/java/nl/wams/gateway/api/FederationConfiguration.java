package nl.wams.gateway.api;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.config.TlsPolicy;
import nl.wams.gateway.federation.FederationSetup;
import nl.wams.gateway.federation.ReplayStore;
import nl.wams.gateway.federation.Witnesses;
import nl.wams.gateway.storage.PeriodicJobs;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;

/**
 * Wires the federation's key material (only built when a peer party or the provider role needs it)
 * and the separate mutual-TLS peer listener; the provider role wires itself (ProviderConfiguration).
 */
@Configuration(proxyBeanMethods = false)
class FederationConfiguration {

    @Lazy
    @Bean
    FederationSetup federationSetup(LoadedConfig config, AuditLog auditLog, Clock clock) {
        return new FederationSetup(
                config, new Witnesses(auditLog, config.gateway().identity().oin(), clock));
    }

    /** Request ids peers have used: one store for the provider role and for received provisions. */
    @Bean
    ReplayStore replayStore(HikariDataSource auditDataSource, Clock clock) {
        return new ReplayStore(auditDataSource, clock);
    }

    /** Deletes request ids past their term in the background (only a gateway that listens to peers keeps any). */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService replayExpiry(LoadedConfig config, ReplayStore store, PeriodicJobs jobs) {
        return config.gateway().listens()
                ? jobs.start("wams-replay-expiry", ReplayStore.EXPIRY_EVERY, store::deleteExpired)
                : PeriodicJobs.idle("wams-replay-expiry");
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

    @Bean
    PeerListener peerListener(LoadedConfig config) {
        return new PeerListener(config.gateway().listens() ? peerConnector(config) : null);
    }

    /**
     * The peer listener keeps a connection for as many requests as the API listener
     * ({@code server.tomcat.max-keep-alive-requests}): each new one costs a mutual-TLS handshake.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> peerConnectorCustomizer(
            PeerListener listener, ServerProperties server) {
        return factory -> listener.connector().ifPresent(connector -> {
            ((Http11NioProtocol) connector.getProtocolHandler())
                    .setMaxKeepAliveRequests(server.getTomcat().getMaxKeepAliveRequests());
            factory.addAdditionalTomcatConnectors(connector);
        });
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
        connector.setPort(federation.listenerOrDefault().port());
        connector.setProperty("address", federation.listenerOrDefault().host());
        connector.setScheme("https");
        connector.setSecure(true);
        Http11NioProtocol protocol = (Http11NioProtocol) connector.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig ssl = new SSLHostConfig();
        ssl.setProtocols(TlsPolicy.PROTOCOLS);
        ssl.setCiphers(TlsPolicy.CIPHERS);
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
