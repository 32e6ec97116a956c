package nl.wams.gateway.meldpunt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Keeps a flood of public submissions from hurting anyone else: each client address may make a
 * bounded number of submissions and status lookups per period, and at most a few intakes run at
 * once (each holds a database connection), so assessment work and the gateway's other traffic
 * keep their share. Kept in memory per node: a limit, not an account of who asked.
 */
public final class IntakeGuard {

    /** Addresses remembered at most; beyond it, a new address waits for the oldest windows to end. */
    static final int MAX_ADDRESSES = 50_000;
    /** Intakes that may run at once on one node. */
    static final int CONCURRENT_INTAKES = 4;

    private final int requests;
    private final Duration per;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Semaphore running = new Semaphore(CONCURRENT_INTAKES);

    public IntakeGuard(int requests, Duration per, Clock clock) {
        this.requests = requests;
        this.per = per;
        this.clock = clock;
    }

    private record Window(Instant start, int count) {}

    /**
     * Counts one request from {@code address}; empty when it may go on, else how long the address
     * must wait.
     */
    public Optional<Duration> admit(String address) {
        Instant now = clock.instant();
        if (windows.size() >= MAX_ADDRESSES && !windows.containsKey(address)) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(per)));
            if (windows.size() >= MAX_ADDRESSES) {
                return Optional.of(per);
            }
        }
        Window window = windows.compute(
                address,
                (a, w) -> w == null || !now.isBefore(w.start().plus(per))
                        ? new Window(now, 1)
                        : new Window(w.start(), w.count() + 1));
        if (window.count() > requests) {
            return Optional.of(Duration.between(now, window.start().plus(per)));
        }
        return Optional.empty();
    }

    /** Takes one of the intake slots; false when all are busy (the caller answers 429). */
    boolean enter() {
        return running.tryAcquire();
    }

    void leave() {
        running.release();
    }
}
