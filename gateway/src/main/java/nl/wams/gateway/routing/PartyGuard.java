package nl.wams.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.HeldAnswers;
import nl.wams.adapters.PartyAdapter;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.request.LogContext;

/**
 * One party's circuit breaker and hard deadline. The party's timeout bounds the whole wait of a
 * request, counted from the moment the request's fan-out began (queueing included), from the first
 * request after a start on. The outcome says what really happened: timed out (after how long),
 * unreachable (the adapter's reason), or not asked because the breaker is open (with its count).
 *
 * <p>An adapter call that passed the deadline is not abandoned: its answer, if it still comes
 * (adapters wait up to twice the party's timeout), is handed to {@link LateAnswers}, so the log can
 * say that an answer arrived after the caller was answered and was discarded.
 */
final class PartyGuard {

    private final String partyId;
    private final PartyAdapter adapter;
    private final Duration timeout;
    private final CircuitBreaker breaker;
    private final Duration openDuration;
    private final Executor calls;
    private final LateAnswers late;
    private final RecentCalls recent = new RecentCalls(50);
    private final PartyCallObserver observer;

    PartyGuard(GatewayConfig.Party party, PartyAdapter adapter, Executor calls, LateAnswers late) {
        this(party, adapter, calls, late, PartyCallObserver.NONE);
    }

    PartyGuard(
            GatewayConfig.Party party,
            PartyAdapter adapter,
            Executor calls,
            LateAnswers late,
            PartyCallObserver observer) {
        this.observer = observer;
        this.partyId = party.id();
        this.adapter = adapter;
        this.timeout = party.timeout();
        this.calls = calls;
        this.late = late;
        GatewayConfig.CircuitBreaker settings = party.circuitBreaker();
        this.openDuration = settings.openDuration();
        this.breaker = CircuitBreaker.of(
                "party-" + party.id(),
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(settings.failureRateThreshold())
                        .minimumNumberOfCalls(settings.minimumCalls())
                        .slidingWindowSize(settings.slidingWindow())
                        .waitDurationInOpenState(settings.openDuration())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
    }

    /** Asks the party for {@code call}, within its deadline; never throws. */
    PartyAnswer ask(PartyCall call) {
        try (var ignored = LogContext.transaction(call.request().transactionId())) {
            return askWithin(call);
        }
    }

    private PartyAnswer askWithin(PartyCall call) {
        if (!breaker.tryAcquirePermission()) {
            return answer(notAsked());
        }
        long start = System.nanoTime();
        long remaining = timeout.toNanos() - (start - call.startedNanos());
        CompletableFuture<AdapterResult> result;
        try {
            result = CompletableFuture.supplyAsync(
                    LogContext.carrying(call.request().transactionId(), () -> adapter.fetch(call.request())), calls);
        } catch (RejectedExecutionException e) {
            breaker.releasePermission();
            return answer(new AdapterResult.Unreachable("not asked: the gateway has no free connection slot"));
        }
        try {
            AdapterResult answer = result.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
            long took = System.nanoTime() - start;
            recent.record(answer, took);
            observer.called(partyId, answer.getClass().getSimpleName(), took);
            countForBreaker(answer, took);
            return answer(answer);
        } catch (TimeoutException e) {
            long waited = System.nanoTime() - call.startedNanos();
            recent.record(null, waited);
            observer.called(partyId, "TIMEOUT", waited);
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            result.thenAccept(lateAnswer -> late.arrived(
                    partyId,
                    call.request().transactionId(),
                    lateAnswer,
                    Duration.ofNanos(System.nanoTime() - call.startedNanos())));
            return answer(new AdapterResult.Unreachable("no answer within the party's timeout of " + timeout.toMillis()
                    + " ms (waited " + TimeUnit.NANOSECONDS.toMillis(waited) + " ms)"));
        } catch (ExecutionException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e.getCause());
            return answer(new AdapterResult.Unreachable(
                    "call failed: " + e.getCause().getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.releasePermission();
            return answer(new AdapterResult.Unreachable("interrupted"));
        }
    }

    /**
     * Asks the party's gateway for a held answer, through the same breaker as a first question: an
     * open breaker means the party is not asked (the poller counts that as a poll that learnt
     * nothing), and an unreachable party counts towards opening it. The adapter's own timeout bounds
     * the call; never throws.
     */
    AdapterResult poll(HeldAnswers held, String statusUrl, String requestJws, AdapterRequest question) {
        if (!breaker.tryAcquirePermission()) {
            return notAsked();
        }
        long start = System.nanoTime();
        try (var ignored = LogContext.transaction(question.transactionId())) {
            AdapterResult answer = held.poll(statusUrl, requestJws, question);
            countForBreaker(answer, System.nanoTime() - start);
            return answer;
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            return new AdapterResult.Unreachable("call failed: " + e.getClass().getSimpleName());
        }
    }

    /** Only an unreachable party counts as a failure; refusals and invalid answers are business outcomes. */
    private void countForBreaker(AdapterResult answer, long tookNanos) {
        if (answer instanceof AdapterResult.Unreachable) {
            breaker.onError(tookNanos, TimeUnit.NANOSECONDS, new PartyUnreachableException("unreachable"));
        } else {
            breaker.onSuccess(tookNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The breaker's state alone (cheap: for a gauge read on every scrape). */
    PartyHealth.Breaker breakerState() {
        return PartyHealth.Breaker.valueOf(breaker.getState().name());
    }

    /** How the party fares: its breaker, and its last answered calls. */
    PartyHealth health() {
        CircuitBreaker.Metrics m = breaker.getMetrics();
        return new PartyHealth(
                partyId, breakerState(), m.getNumberOfBufferedCalls(), m.getNumberOfFailedCalls(), recent.snapshot());
    }

    /** The party's adapter, when it can hold answers. */
    Optional<HeldAnswers> heldAnswers() {
        return adapter.heldAnswers();
    }

    private AdapterResult notAsked() {
        CircuitBreaker.Metrics m = breaker.getMetrics();
        return new AdapterResult.Unreachable("not asked: circuit breaker open after "
                + m.getNumberOfFailedCalls() + " failed of the last " + m.getNumberOfBufferedCalls()
                + " calls (asks again " + openDuration.toSeconds() + " s after it opened)");
    }

    private PartyAnswer answer(AdapterResult result) {
        return new PartyAnswer(partyId, result);
    }
}
