package nl.wams.gateway.meldpunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import nl.wams.gateway.support.MutableClock;
import org.junit.jupiter.api.Test;

class IntakeGuardTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
    final IntakeGuard guard = new IntakeGuard(2, Duration.ofMinutes(10), clock);

    @Test
    void admitsUpToTheLimitPerAddressAndSaysHowLongToWait() {
        assertThat(guard.admit("192.0.2.1")).isEmpty();
        assertThat(guard.admit("192.0.2.1")).isEmpty();
        clock.advance(Duration.ofMinutes(4));
        assertThat(guard.admit("192.0.2.1")).hasValue(Duration.ofMinutes(6));
        assertThat(guard.admit("192.0.2.2")).isEmpty();
    }

    @Test
    void aNewPeriodStartsAfterTheWindow() {
        guard.admit("192.0.2.1");
        guard.admit("192.0.2.1");
        clock.advance(Duration.ofMinutes(10));
        assertThat(guard.admit("192.0.2.1")).isEmpty();
    }

    @Test
    void atMostAFewIntakesRunAtOnce() {
        for (int i = 0; i < IntakeGuard.CONCURRENT_INTAKES; i++) {
            assertThat(guard.enter()).isTrue();
        }
        assertThat(guard.enter()).isFalse();
        guard.leave();
        assertThat(guard.enter()).isTrue();
    }

    @Test
    void referencesCannotBeGuessedAndNeverHoldNineDigitsInARow() {
        for (int i = 0; i < 1000; i++) {
            assertThat(Intake.reference()).matches("M-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}");
        }
    }
}
