package nl.wams.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransactionIdsTest {

    @Test
    void isVersion7WithTheClockInItsFirst48Bits() {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        UUID id = new TransactionIds(Clock.fixed(now, ZoneOffset.UTC)).next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
    }

    @Test
    void laterIdsSortAfterEarlierOnes() {
        UUID earlier = new TransactionIds(Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC)).next();
        UUID later = new TransactionIds(Clock.fixed(Instant.ofEpochMilli(2_000), ZoneOffset.UTC)).next();

        assertThat(later.toString()).isGreaterThan(earlier.toString());
    }
}
