package nl.wams.gateway.requester;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.request.Outcome;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.StoredTime;
import nl.wams.gateway.support.MutableClock;
import nl.wams.gateway.support.QueryPlans;
import nl.wams.gateway.support.TestH2;
import nl.wams.gateway.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Expired results leave the database by a background job of their own, in bounded transactions,
 * reading only what has expired; storing a result never deletes anything (it runs in the audit
 * writer's transaction, which every request waits for). On H2 and on a real PostgreSQL.
 */
class ResultExpiryIT {

    enum Database {
        H2,
        POSTGRES
    }

    static TestPostgres postgres;

    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    /** A fresh, migrated database of the kind asked for. */
    static DataSource fresh(Database kind) throws SQLException {
        if (kind == Database.H2) {
            return TestH2.migrated("results");
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(postgres.database("results_" + UUID.randomUUID().toString().replace("-", "")));
        pg.setUser("postgres");
        AuditSetup.migrate(pg);
        return pg;
    }

    ResultStore store(DataSource dataSource) {
        return new ResultStore(dataSource, new DataCipher(new byte[32]), clock, Duration.ofMinutes(30));
    }

    static int stored(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM request_result")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Stores {@code n} completed results in one transaction, as of the clock's time. */
    void storeCompleted(ResultStore store, DataSource dataSource, int n) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < n; i++) {
                store.insert(c, store.row(ResultStoreIT.result(UUID.randomUUID(), "cw-1", Outcome.VERSTREKT)));
            }
            c.commit();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void expiredResultsAreDeletedInBoundedBatchesUntilNoneIsLeftAndLiveOnesStay(Database kind) throws Exception {
        DataSource dataSource = fresh(kind);
        ResultStore store = store(dataSource);
        int expired = 2 * ResultStore.EXPIRED.batch() + 7;
        storeCompleted(store, dataSource, expired);
        clock.advance(Duration.ofMinutes(20));
        storeCompleted(store, dataSource, 3);
        UUID pending = UUID.randomUUID();
        store.put(ResultStoreIT.result(pending, "cw-1", Outcome.IN_BEHANDELING));

        clock.advance(Duration.ofMinutes(11)); // the first results are 31 minutes old, the others 11

        assertThat(store.deleteExpired()).isEqualTo(expired);
        assertThat(stored(dataSource)).isEqualTo(3 + 1);
        assertThat(store.get(pending)).isPresent();
        assertThat(store.deleteExpired()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void storingAResultDeletesNothingEvenWhenOthersHaveLongExpired(Database kind) throws Exception {
        DataSource dataSource = fresh(kind);
        ResultStore store = store(dataSource);
        store.put(ResultStoreIT.result(UUID.randomUUID(), "cw-1", Outcome.VERSTREKT));
        clock.advance(Duration.ofDays(1).plus(ResultStore.EXPIRY_EVERY));

        store.put(ResultStoreIT.result(UUID.randomUUID(), "cw-1", Outcome.VERSTREKT));
        storeCompleted(store, dataSource, 1);

        assertThat(stored(dataSource)).isEqualTo(3);
        assertThat(store.deleteExpired()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void expiryReadsTheExpiredResultsByTheirIndexAndDeletesThemByKey(Database kind) throws Exception {
        DataSource dataSource = fresh(kind);
        try (Connection c = dataSource.getConnection()) {
            if (kind == Database.POSTGRES) {
                try (var s = c.createStatement()) {
                    // An empty table is cheapest to scan whole; what is asked is whether the index serves.
                    s.execute("SET enable_seqscan = off");
                }
            }
            assertThat(QueryPlans.explain(c, ResultStore.EXPIRED.selection(), StoredTime.format(clock.instant())))
                    .contains("ix_request_result_expires");
            assertThat(QueryPlans.explain(
                            c, ResultStore.EXPIRED.deletion(), UUID.randomUUID().toString()))
                    .contains(kind == Database.H2 ? QueryPlans.H2_PRIMARY_KEY : "pk_request_result")
                    .doesNotContain("select");
        }
    }
}
