package nl.wams.gateway.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import nl.wams.gateway.federation.ReplayStore;
import nl.wams.gateway.support.MutableClock;

/**
 * Load driver: what the background expiry costs. Fills the table of accepted peer request ids
 * with N ids whose term has passed (and as many that are still live), then lets the gateway's own
 * expiry ({@link ReplayStore#deleteExpired}) delete them, on the embedded H2 file (the gateway's
 * own URL) or a real PostgreSQL, and reports the time and this process's CPU per 1,000 rows. The
 * expired results of data requests go the same way ({@code ExpiredRows}). Run with
 * {@code bench/expiry.sh [rows] [h2|postgres]}.
 */
public final class ExpiryLoad {

    private static final String OIN = "00000099000000000001";

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        boolean h2 = args.length < 2 || !args[1].equals("postgres");
        try (BenchDatabase db = BenchDatabase.open("wams-expiry", h2, "")) {
            HikariDataSource hikari = db.pool();
            MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
            ReplayStore store = new ReplayStore(hikari, clock);
            for (int round = 1; round <= 3; round++) {
                fill(hikari, store, clock, round, rows);
                clock.advance(Duration.ofMinutes(10)); // the first N are past their term, the others not
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpuBefore = os.getProcessCpuTime();
                long start = System.nanoTime();
                int deleted = store.deleteExpired();
                double ms = (System.nanoTime() - start) / 1e6;
                double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6;
                System.out.printf(
                        "%s, round %d: %d expired ids deleted (of %d stored) in %.0f ms, %.1f ms and %.1f ms CPU"
                                + " per 1,000%n",
                        db.name(),
                        round,
                        deleted,
                        (long) rows * (round + 1),
                        ms,
                        ms * 1000 / Math.max(deleted, 1),
                        cpuMs * 1000 / Math.max(deleted, 1));
                if (deleted != rows) {
                    throw new IllegalStateException("expected " + rows + " deleted, got " + deleted);
                }
            }
        }
    }

    /** N ids that expire in 5 minutes and N that live an hour, in one transaction, through the store's own insert. */
    static void fill(HikariDataSource dataSource, ReplayStore store, MutableClock clock, int round, int rows)
            throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < rows; i++) {
                store.firstUseWith(
                                "r" + round + "-short-" + i,
                                OIN,
                                clock.instant().plus(Duration.ofMinutes(5)))
                        .run(c);
                store.firstUseWith(
                                "r" + round + "-long-" + i, OIN, clock.instant().plus(Duration.ofHours(1)))
                        .run(c);
            }
            c.commit();
        }
    }
}
