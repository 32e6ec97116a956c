package nl.wams.gateway.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Says when periodic clean-up of expired rows is due, at most once per interval across threads,
 * so that stores can clean up on their write path without a scheduler of their own.
 */
public final class Housekeeping {

    private final Clock clock;
    private final Duration every;
    private final AtomicReference<Instant> last;

    public Housekeeping(Clock clock, Duration every) {
        this.clock = clock;
        this.every = every;
        this.last = new AtomicReference<>(clock.instant());
    }

    /** True for exactly one caller once the interval has passed. */
    public boolean due() {
        Instant now = clock.instant();
        Instant previous = last.get();
        return !now.isBefore(previous.plus(every)) && last.compareAndSet(previous, now);
    }
}
