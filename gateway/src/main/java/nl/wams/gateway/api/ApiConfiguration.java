package nl.wams.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.wams.adapters.FieldType;
import nl.wams.adapters.PartyAdapter;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.minimisation.MinimisationFilter;
import nl.wams.gateway.policy.RequestPolicy;
import nl.wams.gateway.request.AnswerCheck;
import nl.wams.gateway.request.PendingAnswers;
import nl.wams.gateway.request.ResultStore;
import nl.wams.gateway.request.TransactionIds;
import nl.wams.gateway.routing.LateAnswers;
import nl.wams.gateway.routing.PartyFanOut;
import nl.wams.gateway.storage.DataCipher;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the requester API: policy, flow, result store, filters and problem answers. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

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
    ResultStore resultStore(LoadedConfig config, HikariDataSource auditDataSource, DataCipher dataCipher, Clock clock) {
        return new ResultStore(
                auditDataSource, dataCipher, clock, config.gateway().api().resultRetention());
    }

    @Bean
    PendingAnswers pendingAnswers(HikariDataSource auditDataSource, DataCipher dataCipher) {
        return new PendingAnswers(auditDataSource, dataCipher);
    }

    @Bean
    RequestAudit requestAudit(LoadedConfig config, AuditLog auditLog, Pseudonyms pseudonyms) {
        return new RequestAudit(auditLog, pseudonyms, config.gateway());
    }

    /**
     * Tomcat with {@link ProblemErrorReportValve} as its host's error report: what the container
     * refuses before the gateway runs is problem+json too. The valve class is set before the host
     * starts (it installs the valve when it starts).
     */
    @Bean
    TomcatServletWebServerFactory tomcatServletWebServerFactory() {
        return new TomcatServletWebServerFactory() {
            @Override
            protected TomcatWebServer getTomcatWebServer(Tomcat tomcat) {
                ((StandardHost) tomcat.getHost()).setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                return super.getTomcatWebServer(tomcat);
            }
        };
    }

    /** Answers that arrive after their party's timeout are recorded as such (the routes report them). */
    @Bean
    LateAnswers lateAnswers(RequestAudit requestAudit) {
        return requestAudit::late;
    }

    @Bean
    AnswerPoller answerPoller(
            LoadedConfig config,
            Map<String, PartyAdapter> partyAdapters,
            PendingAnswers pendingAnswers,
            ResultStore store,
            AnswerRelease answerRelease,
            RequestAudit requestAudit,
            Clock clock) {
        var polling = config.gateway().reviewPolling();
        return new AnswerPoller(
                partyAdapters,
                pendingAnswers,
                store,
                answerRelease,
                requestAudit,
                clock,
                polling.first(),
                polling.maxInterval(),
                polling.maxFailures(),
                polling.maxWait());
    }

    /** Polls for held answers in the background (only parties with a peer adapter can hold answers). */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService answerPolling(LoadedConfig config, AnswerPoller poller) {
        var scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wams-answer-poller");
            t.setDaemon(true);
            return t;
        });
        if (!config.gateway().usesPeers()) {
            return scheduler;
        }
        long every = config.gateway().reviewPolling().every().toMillis();
        scheduler.scheduleWithFixedDelay(poller::pollOnce, every, every, TimeUnit.MILLISECONDS);
        return scheduler;
    }

    @Bean
    MinimisationFilter minimisationFilter(LoadedConfig config) {
        return MinimisationFilter.compile(
                config.gateway().minimisation(), config.gateway().coarseTables());
    }

    @Bean
    AnswerRelease answerRelease(LoadedConfig config, MinimisationFilter minimisation) {
        Map<String, Map<String, FieldType>> types = new HashMap<>();
        config.catalogue().categories().forEach(c -> {
            Map<String, FieldType> fields = new HashMap<>();
            c.fields().forEach((name, field) -> fields.put(name, field.type()));
            types.put(c.name(), fields);
        });
        return new AnswerRelease(config.gateway(), new AnswerCheck(types), minimisation);
    }

    @Bean
    DataRequestHandler dataRequestHandler(
            LoadedConfig config,
            PartyFanOut fanOut,
            AnswerRelease answerRelease,
            ResultStore store,
            Clock clock,
            RequestAudit requestAudit,
            PendingAnswers pendingAnswers) {
        return new DataRequestHandler(
                new RequestPolicy(config.gateway(), config.catalogue()),
                fanOut,
                answerRelease,
                store,
                clock,
                requestAudit,
                pendingAnswers,
                () -> clock.instant().plus(config.gateway().reviewPolling().first()));
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
