package nl.wams.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import nl.wams.adapters.TransactionIds;
import nl.wams.gateway.config.LoadedConfig;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the HTTP side: the body reader, problem answers, the container and the filters in their order. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    RequestReader requestReader() {
        return new RequestReader();
    }

    @Bean
    ProblemWriter problemWriter(ObjectMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(
            ProblemWriter problems, ObjectProvider<ProblemSecurityHandlers.TokenFailures> failures) {
        return new ProblemSecurityHandlers(
                problems, failures.getIfAvailable(() -> ProblemSecurityHandlers.TokenFailures.NONE));
    }

    /**
     * Tomcat with {@link ProblemErrorReportValve} as its host's error report: what the container
     * refuses before the gateway runs is problem+json too. The valve class is set before the host
     * starts (it installs the valve when it starts).
     */
    @Bean
    TomcatServletWebServerFactory tomcatServletWebServerFactory() {
        return new ProblemPagesTomcat();
    }

    /** Tomcat whose host reports errors as problem+json; a top-level type, so a management port can copy it. */
    static final class ProblemPagesTomcat extends TomcatServletWebServerFactory {
        @Override
        protected TomcatWebServer getTomcatWebServer(Tomcat tomcat) {
            ((StandardHost) tomcat.getHost()).setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            return super.getTomcatWebServer(tomcat);
        }
    }

    @Bean
    FilterRegistrationBean<ApiHeadersFilter> apiHeadersFilter(Clock clock) {
        var registration = new FilterRegistrationBean<>(new ApiHeadersFilter(new TransactionIds(clock)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    StartupGate startupGate(ProblemWriter problems) {
        return new StartupGate(problems);
    }

    /** Right after the headers: before the gateway is ready, nothing else runs. */
    @Bean
    FilterRegistrationBean<StartupGate> startupGateFilter(StartupGate gate) {
        var registration = new FilterRegistrationBean<>(gate);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestGuardFilter> requestGuardFilter(LoadedConfig config, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(
                new RequestGuardFilter(problems, config.gateway().api().maxRequestBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
