package nl.wams.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.minimisation.MinimisationFilter;
import nl.wams.gateway.policy.RequestPolicy;
import nl.wams.gateway.request.ResultStore;
import nl.wams.gateway.request.TransactionIds;
import nl.wams.gateway.routing.PartyFanOut;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the requester API: policy, flow, result store, filters and problem answers. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    /** Results kept at most; beyond it the oldest go first. */
    private static final int MAX_STORED_RESULTS = 10_000;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RequestReader requestReader() {
        return new RequestReader();
    }

    @Bean
    ProblemWriter problemWriter(ObjectMapper json) {
        return new ProblemWriter(json);
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(ProblemWriter problems) {
        return new ProblemSecurityHandlers(problems);
    }

    @Bean
    ResultStore resultStore(LoadedConfig config, Clock clock) {
        return new ResultStore(clock, config.gateway().api().resultRetention(), MAX_STORED_RESULTS);
    }

    @Bean
    MinimisationFilter minimisationFilter(LoadedConfig config) {
        return MinimisationFilter.compile(
                config.gateway().minimisation(), config.gateway().coarseTables());
    }

    @Bean
    DataRequestHandler dataRequestHandler(
            LoadedConfig config,
            PartyFanOut fanOut,
            MinimisationFilter minimisation,
            ResultStore store,
            Clock clock,
            AuditLog auditLog,
            Pseudonyms pseudonyms) {
        return new DataRequestHandler(
                config.gateway(),
                new RequestPolicy(config.gateway(), config.catalogue()),
                fanOut,
                minimisation,
                store,
                clock,
                new RequestAudit(auditLog, pseudonyms, config.gateway()));
    }

    @Bean
    FilterRegistrationBean<ApiHeadersFilter> apiHeadersFilter(Clock clock) {
        var registration = new FilterRegistrationBean<>(new ApiHeadersFilter(new TransactionIds(clock)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestGuardFilter> requestGuardFilter(LoadedConfig config, ProblemWriter problems) {
        var registration = new FilterRegistrationBean<>(
                new RequestGuardFilter(problems, config.gateway().api().maxRequestBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
