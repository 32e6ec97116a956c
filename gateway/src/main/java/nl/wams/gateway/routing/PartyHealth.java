package nl.wams.gateway.routing;

import java.time.Duration;
import java.util.List;

/**
 * How one party fares, for the people who run the gateway: its circuit breaker and its most recent
 * calls (newest first). Outcomes only, never content.
 *
 * @param bufferedCalls the calls the breaker's failure rate is computed over
 * @param failedCalls of those, the calls that found the party unreachable
 */
public record PartyHealth(String partyId, Breaker breaker, int bufferedCalls, int failedCalls, List<Call> recent) {

    public PartyHealth {
        recent = List.copyOf(recent);
    }

    /** The breaker's states, as resilience4j names them. */
    public enum Breaker {
        CLOSED,
        OPEN,
        HALF_OPEN,
        DISABLED,
        FORCED_OPEN,
        METRICS_ONLY
    }

    /**
     * One call: how long it took and what it came to ({@code TIMEOUT} when the deadline passed).
     */
    public record Call(String outcome, Duration took) {}

    /** The mean time of the recent calls, or zero without any. */
    public Duration averageTook() {
        return recent.isEmpty()
                ? Duration.ZERO
                : recent.stream()
                        .map(Call::took)
                        .reduce(Duration.ZERO, Duration::plus)
                        .dividedBy(recent.size());
    }
}
