package nl.wams.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResultStoreTest {

    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));

    static DataRequestResult result(UUID id, String requester) {
        var request = new DataRequest(
                "onderzoek", "lb", "onderzoek", DataRequest.Trigger.HULPVRAAG, "Z-1", List.of(), List.of(), null);
        return new DataRequestResult(id, requester, Instant.EPOCH, Instant.EPOCH, request, List.of());
    }

    @Test
    void onlyTheRequesterCanReadAResultAndOnlyUntilItExpires() {
        ResultStore store = new ResultStore(clock, Duration.ofMinutes(30), 10);
        UUID id = UUID.randomUUID();
        store.put(result(id, "cw-1"));

        assertThat(store.get(id, "cw-1")).isPresent();
        assertThat(store.get(id, "cw-2")).isEmpty();
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertThat(store.get(id, "cw-1")).isEmpty();
    }

    @Test
    void dropsTheOldestWhenFull() {
        ResultStore store = new ResultStore(clock, Duration.ofMinutes(30), 2);
        UUID first = UUID.randomUUID();
        store.put(result(first, "cw-1"));
        clock.now = clock.now.plusSeconds(1);
        store.put(result(UUID.randomUUID(), "cw-1"));
        clock.now = clock.now.plusSeconds(1);
        store.put(result(UUID.randomUUID(), "cw-1"));

        assertThat(store.get(first, "cw-1")).isEmpty();
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
