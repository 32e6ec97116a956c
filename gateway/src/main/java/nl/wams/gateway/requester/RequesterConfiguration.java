package nl.wams.gateway.requester;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import nl.wams.adapters.FieldType;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.routing.LateAnswers;
import nl.wams.gateway.routing.PartyFanOut;
import nl.wams.gateway.routing.PartyRoutes;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.PeriodicJobs;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the requester role: the data request's flow, its audit trail, stored results and held answers. */
@Configuration(proxyBeanMethods = false)
class RequesterConfiguration {

    @Bean
    ResultStore resultStore(LoadedConfig config, HikariDataSource auditDataSource, DataCipher dataCipher, Clock clock) {
        return new ResultStore(
                auditDataSource, dataCipher, clock, config.gateway().api().resultRetention());
    }

    /** Deletes expired results in the background, in transactions of its own. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService resultExpiry(ResultStore store, PeriodicJobs jobs) {
        return jobs.start("wams-result-expiry", ResultStore.EXPIRY_EVERY, store::deleteExpired);
    }

    @Bean
    PendingAnswers pendingAnswers(HikariDataSource auditDataSource, DataCipher dataCipher) {
        return new PendingAnswers(auditDataSource, dataCipher);
    }

    @Bean
    RequestAudit requestAudit(
            LoadedConfig config,
            AuditLog auditLog,
            Pseudonyms pseudonyms,
            ActiveRules rules,
            ObjectProvider<RequestAudit.RefusalCounter> refusals) {
        return new RequestAudit(
                auditLog,
                pseudonyms,
                config.gateway(),
                rules::version,
                refusals.getIfAvailable(() -> RequestAudit.RefusalCounter.NONE));
    }

    /** Answers that arrive after their party's timeout are recorded as such (the routes report them). */
    @Bean
    LateAnswers lateAnswers(RequestAudit requestAudit) {
        return requestAudit::late;
    }

    @Bean
    AnswerPoller answerPoller(
            LoadedConfig config,
            PartyRoutes partyRoutes,
            PendingAnswers pendingAnswers,
            ResultStore store,
            AnswerRelease answerRelease,
            ActiveRules rules,
            RequestAudit requestAudit,
            Clock clock) {
        var polling = config.gateway().reviewPolling();
        return new AnswerPoller(
                partyRoutes,
                pendingAnswers,
                store,
                answerRelease,
                rules,
                requestAudit,
                clock,
                polling.first(),
                polling.maxInterval(),
                polling.maxFailures(),
                polling.maxWait());
    }

    /** Polls for held answers in the background (only parties with a peer adapter can hold answers). */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService answerPolling(LoadedConfig config, AnswerPoller poller, PeriodicJobs jobs) {
        return config.gateway().usesPeers()
                ? jobs.start(
                        "wams-answer-poller", config.gateway().reviewPolling().every(), poller::pollOnce)
                : PeriodicJobs.idle("wams-answer-poller");
    }

    @Bean
    RequestPreview requestPreview(ActiveRules rules) {
        return new RequestPreview(rules::current);
    }

    @Bean
    AnswerRelease answerRelease(LoadedConfig config) {
        Map<String, Map<String, FieldType>> types = new HashMap<>();
        config.catalogue().categories().forEach(c -> {
            Map<String, FieldType> fields = new HashMap<>();
            c.fields().forEach((name, field) -> fields.put(name, field.type()));
            types.put(c.name(), fields);
        });
        return new AnswerRelease(config.gateway(), new AnswerCheck(types));
    }

    @Bean
    DataRequestHandler dataRequestHandler(
            LoadedConfig config,
            ActiveRules rules,
            PartyFanOut fanOut,
            AnswerRelease answerRelease,
            ResultStore store,
            Clock clock,
            RequestAudit requestAudit,
            PendingAnswers pendingAnswers) {
        return new DataRequestHandler(
                rules,
                fanOut,
                answerRelease,
                store,
                clock,
                requestAudit,
                pendingAnswers,
                () -> clock.instant().plus(config.gateway().reviewPolling().first()));
    }
}
