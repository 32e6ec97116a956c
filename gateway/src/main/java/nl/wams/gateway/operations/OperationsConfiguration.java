package nl.wams.gateway.operations;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import nl.wams.gateway.api.ProblemSecurityHandlers;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.ConfigHistory;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.federation.FederationSetup;
import nl.wams.gateway.provider.ProviderService;
import nl.wams.gateway.provider.ReviewStore;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.requester.RequestAudit;
import nl.wams.gateway.routing.PartyCallObserver;
import nl.wams.gateway.routing.PartyHealth;
import nl.wams.gateway.routing.PartyRoutes;
import nl.wams.gateway.storage.PeriodicJobs;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What an operator sees on the management port: readiness that includes the audit writer keeping
 * up and the federation's key material being valid (a warning detail before a certificate
 * expires), and Prometheus metrics per party and per policy rule. Labels are party ids, outcome
 * kinds and rule names only: never a BSN, a transaction id or any content.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

    /**
     * The management endpoints carry no personal data and listen only on the management port
     * (loopback by default, inside the cluster): no login, no session.
     */
    @Bean
    @Order(0)
    SecurityFilterChain managementSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /** Which configuration is in force, and its reload ({@code /actuator/configuratie}). */
    @Bean
    ConfigurationEndpoint configurationEndpoint(ActiveRules rules, ConfigHistory history) {
        return new ConfigurationEndpoint(rules, history);
    }

    /** Reloads when the configuration file changes, if {@code management.watch-config} says so. */
    @Bean(destroyMethod = "close")
    ConfigWatcher configWatcher(LoadedConfig config, ActiveRules rules) throws IOException {
        GatewayConfig.Management management = config.gateway().management();
        return new ConfigWatcher(rules, config.file(), management != null && management.watchConfig());
    }

    /** Above this many entries waiting, the audit writer does not keep up: not ready. */
    static final int AUDIT_QUEUE_LIMIT = 5_000;

    @Bean
    HealthIndicator auditLogHealthIndicator(AuditLog log) {
        return () -> {
            int depth = log.queueDepth();
            return (depth <= AUDIT_QUEUE_LIMIT ? Health.up() : Health.down())
                    .withDetail("queueDepth", depth)
                    .withDetail("limit", AUDIT_QUEUE_LIMIT)
                    .build();
        };
    }

    /** Down when a federation certificate has expired; a warning detail within the configured days. */
    @Bean
    HealthIndicator federationKeysHealthIndicator(
            LoadedConfig config, ObjectProvider<FederationSetup> federation, Clock clock) {
        return () -> {
            if (config.gateway().federation() == null) {
                return Health.up().withDetail("federation", "not configured").build();
            }
            int warningDays = config.gateway().management() == null
                    ? 30
                    : config.gateway().management().certificateWarningDays();
            Instant now = clock.instant();
            Health.Builder health = Health.up();
            Map<String, Object> certificates = new LinkedHashMap<>();
            for (Map.Entry<String, X509Certificate> own :
                    federation.getObject().ownCertificates().entrySet()) {
                Instant notAfter = own.getValue().getNotAfter().toInstant();
                long days = Duration.between(now, notAfter).toDays();
                certificates.put(own.getKey(), Map.of("notAfter", notAfter.toString(), "daysLeft", days));
                if (!notAfter.isAfter(now)) {
                    health = Health.down();
                } else if (days < warningDays) {
                    health.withDetail("warning", "a certificate expires within " + warningDays + " days: renew it");
                }
            }
            return health.withDetail("certificates", certificates).build();
        };
    }

    /**
     * Duration and outcome of every call to a party ({@code wams_party_calls_seconds}). A call is a
     * hot path: each (party, outcome) timer is built once and then looked up.
     */
    @Bean
    PartyCallObserver partyCallMetrics(MeterRegistry registry) {
        Map<String, Timer> timers = new ConcurrentHashMap<>();
        return (party, outcome, tookNanos) -> timers.computeIfAbsent(
                        party + '\n' + outcome,
                        k -> Timer.builder("wams.party.calls")
                                .description("Calls to a party: how long they took and what they came to")
                                .tag("party", party)
                                .tag("outcome", outcome)
                                .publishPercentileHistogram()
                                .register(registry))
                .record(tookNanos, TimeUnit.NANOSECONDS);
    }

    /** Log events by level ({@code logback_events_total}), counted where they are written. */
    @Bean(destroyMethod = "detach")
    LogEventCounter logEventCounter(MeterRegistry registry) {
        return LogEventCounter.attach((LoggerContext) LoggerFactory.getILoggerFactory(), registry);
    }

    /** Requests refused by the policy, per rule ({@code wams_requests_refused_total}). */
    @Bean
    RequestAudit.RefusalCounter refusalMetrics(MeterRegistry registry) {
        return rule -> Counter.builder("wams.requests.refused")
                .description("Data requests refused by the purpose register, per rule")
                .tag("rule", rule)
                .register(registry)
                .increment();
    }

    /** How long each commit of the audit writer takes ({@code wams_audit_commit_seconds}). */
    @Bean
    AuditLog.CommitObserver auditCommitMetrics(MeterRegistry registry) {
        Timer commits = Timer.builder("wams.audit.commit")
                .description("Commits of the audit writer (one transaction, a batch of appends)")
                .publishPercentileHistogram()
                .register(registry);
        return (appends, nanos) -> commits.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The background jobs' runs, duration, items and last success ({@code wams_job_*}). */
    @Bean
    PeriodicJobs.Observer jobMetrics(MeterRegistry registry, Clock clock) {
        return new JobMetrics(registry, clock);
    }

    /** Refused peer requests by reason ({@code wams_peer_refusals_total}). */
    @Bean
    ProviderService.PeerRefusals peerRefusalMetrics(MeterRegistry registry) {
        return countByReason(
                registry,
                "wams.peer.refusals",
                "Peer requests refused before an answer: TLS identity, signature, replay, invalid request or the"
                        + " purpose register")::accept;
    }

    /** Refused API callers ({@code wams_api_authentication_failures_total}). */
    @Bean
    ProblemSecurityHandlers.TokenFailures tokenFailureMetrics(MeterRegistry registry) {
        return countByReason(
                registry,
                "wams.api.authentication.failures",
                "API calls refused: no token, a rejected token, or a role that may not")::accept;
    }

    /** A counter per reason (tag {@code reason}), each built once. */
    private static Consumer<String> countByReason(MeterRegistry registry, String name, String description) {
        Map<String, Counter> counters = new ConcurrentHashMap<>();
        return reason -> counters.computeIfAbsent(
                        reason,
                        r -> Counter.builder(name)
                                .description(description)
                                .tag("reason", r)
                                .register(registry))
                .increment();
    }

    /**
     * Held reviews: how many wait for a professional and how long the oldest waits. Both gauges
     * read one backlog query per scrape (kept for a second).
     */
    @Bean
    MeterBinder reviewGauges(LoadedConfig config, ObjectProvider<ReviewStore> reviews, Clock clock) {
        return registry -> {
            if (!config.gateway().provides()) {
                return;
            }
            Supplier<Optional<ReviewStore.Backlog>> backlog = recentBacklog(reviews, clock);
            Gauge.builder(
                            "wams.reviews.open",
                            backlog,
                            b -> b.get().map(r -> (double) r.open()).orElse(Double.NaN))
                    .description("Requests held for a professional's decision")
                    .strongReference(true) // the supplier is held by nothing else
                    .register(registry);
            Gauge.builder(
                            "wams.reviews.oldest.age",
                            backlog,
                            b -> b.get()
                                    .map(r -> r.oldest()
                                            .map(t -> (double) Duration.between(t, clock.instant())
                                                    .toSeconds())
                                            .orElse(0.0))
                                    .orElse(Double.NaN))
                    .description("Seconds the oldest held request has waited")
                    .baseUnit("seconds")
                    .strongReference(true)
                    .register(registry);
        };
    }

    /** The review backlog, read at most once a second; empty while the database cannot be read. */
    private static Supplier<Optional<ReviewStore.Backlog>> recentBacklog(
            ObjectProvider<ReviewStore> reviews, Clock clock) {
        AtomicReference<Instant> readAt = new AtomicReference<>(Instant.MIN);
        AtomicReference<Optional<ReviewStore.Backlog>> last = new AtomicReference<>(Optional.empty());
        return () -> {
            Instant now = clock.instant();
            if (Duration.between(readAt.get(), now).compareTo(Duration.ofSeconds(1)) >= 0) {
                Optional<ReviewStore.Backlog> read;
                try {
                    read = Optional.of(reviews.getObject().backlog());
                } catch (SQLException e) {
                    read = Optional.empty();
                }
                last.set(read);
                readAt.set(now);
            }
            return last.get();
        };
    }

    /** Each party's circuit breaker (0 closed, 1 open, 2 half open) and the audit writer's queue. */
    @Bean
    MeterBinder gatewayGauges(PartyRoutes routes, AuditLog log) {
        return registry -> {
            for (PartyHealth party : routes.health()) {
                Gauge.builder("wams.party.breaker.state", routes, r -> breakerState(r, party.partyId()))
                        .description("The party's circuit breaker: 0 closed, 1 open, 2 half open")
                        .tag("party", party.partyId())
                        .register(registry);
            }
            Gauge.builder("wams.audit.queue.depth", log, AuditLog::queueDepth)
                    .description("Audit entries waiting for the writer")
                    .register(registry);
        };
    }

    private static double breakerState(PartyRoutes routes, String party) {
        return routes.breaker(party)
                .map(state -> switch (state) {
                    case CLOSED -> 0.0;
                    case OPEN, FORCED_OPEN -> 1.0;
                    case HALF_OPEN -> 2.0;
                    default -> -1.0;
                })
                .orElse(-1.0);
    }
}
