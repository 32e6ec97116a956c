package nl.wams.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import nl.wams.gateway.support.MutableClock;
import org.junit.jupiter.api.Test;

class HousekeepingTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    final Housekeeping housekeeping = new Housekeeping(clock, Duration.ofMinutes(1));

    @Test
    void notDueBeforeTheIntervalHasPassed() {
        clock.advance(Duration.ofSeconds(59));
        assertThat(housekeeping.due()).isFalse();
    }

    @Test
    void dueOnceWhenTheIntervalHasPassedThenWaitsAnotherInterval() {
        clock.advance(Duration.ofMinutes(1));
        assertThat(housekeeping.due()).isTrue();
        assertThat(housekeeping.due()).isFalse();
        clock.advance(Duration.ofSeconds(59));
        assertThat(housekeeping.due()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(housekeeping.due()).isTrue();
    }
}
