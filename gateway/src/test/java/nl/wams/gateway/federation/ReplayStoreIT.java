package nl.wams.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import nl.wams.gateway.support.MutableClock;
import nl.wams.gateway.support.QueryPlans;
import nl.wams.gateway.support.TestH2;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Request ids of peers: a replay is refused; expired ids leave by the background job only. */
class ReplayStoreIT {

    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    JdbcDataSource h2 = TestH2.migrated("replay");
    ReplayStore store = new ReplayStore(h2, clock);

    int kept() throws Exception {
        try (Connection c = h2.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM peer_replay")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aSecondUseOfARequestIdIsRefused() throws Exception {
        Instant expires = clock.instant().plus(Duration.ofMinutes(5));
        assertThat(store.firstUse("jti-1", "00000099000000000001", expires)).isTrue();
        assertThat(store.firstUse("jti-1", "00000099000000000001", expires)).isFalse();
    }

    @Test
    void acceptingARequestDeletesNothingEvenWhenOthersHaveLongExpired() throws Exception {
        store.firstUse("old", "00000099000000000001", clock.instant());
        clock.advance(Duration.ofDays(1).plus(ReplayStore.EXPIRY_EVERY));

        store.firstUse("new", "00000099000000000001", clock.instant().plus(Duration.ofMinutes(5)));

        assertThat(kept()).isEqualTo(2);
    }

    @Test
    void expiredIdsAreDeletedInBoundedBatchesUntilNoneIsLeftAndLiveOnesStay() throws Exception {
        int expired = 2 * ReplayStore.EXPIRED.batch() + 3;
        for (int i = 0; i < expired; i++) {
            store.firstUse("old-" + i, "00000099000000000001", clock.instant());
        }
        store.firstUse("live", "00000099000000000001", clock.instant().plus(Duration.ofMinutes(30)));
        clock.advance(Duration.ofMinutes(2)); // past the term plus the minute kept for clock skew

        assertThat(store.deleteExpired()).isEqualTo(expired);
        assertThat(kept()).isEqualTo(1);
        assertThat(store.firstUse("live", "00000099000000000001", clock.instant()))
                .isFalse();
        assertThat(store.deleteExpired()).isZero();
    }

    @Test
    void expiryReadsTheExpiredIdsByTheirIndexAndDeletesThemByKey() throws Exception {
        try (Connection c = h2.getConnection()) {
            assertThat(QueryPlans.explain(c, ReplayStore.EXPIRED.selection(), "2026-11-30T12:00:00.000Z"))
                    .contains("ix_peer_replay_expires");
            assertThat(QueryPlans.explain(c, ReplayStore.EXPIRED.deletion(), "old-1"))
                    .contains(QueryPlans.H2_PRIMARY_KEY)
                    .doesNotContain("select");
        }
    }
}
