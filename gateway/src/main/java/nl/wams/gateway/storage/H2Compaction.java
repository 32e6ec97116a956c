package nl.wams.gateway.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Keeps the embedded H2 file from growing without bound. The gateway opens H2 with
 * {@code WRITE_DELAY=0}, so that a commit is in the file before it returns; that setting also stops
 * H2's own background thread, and with it H2's housekeeping. H2 writes every commit as a new chunk
 * of changed pages and frees a chunk only when none of its pages is live any more; a chunk that
 * still holds one live page (a B-tree leaf that split, say) stays, so under steady writes nearly
 * every chunk stays and the file grows by every commit. This job does the housekeeping H2 would
 * have done: when the chunks are less than {@link #TARGET_FILL_RATE} percent live, it rewrites the
 * live pages of the emptiest ones (at most {@link #WRITE_PER_RUN} bytes per run, under H2's store
 * lock, skipped when a commit holds that lock), so their space can be reused.
 *
 * <p>This is the one class that reaches into H2's engine: only it breaks when an H2 upgrade moves
 * these internals ({@code H2CompactionIT} tells).
 */
public final class H2Compaction {

    /** How often the job runs. */
    public static final Duration EVERY = Duration.ofSeconds(1);

    /** Below this share of live data in the file's chunks, a run rewrites chunks. */
    static final int TARGET_FILL_RATE = 80;

    /** The most a run writes, so that it holds the store lock (and every commit) only briefly. */
    static final int WRITE_PER_RUN = 256 << 10;

    private final DataSource dataSource;

    public H2Compaction(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The gateway's compaction job for its audit database: runs every {@link #EVERY} on an embedded
     * H2 file, idle on anything else. The gateway and {@code bench/audit-append.sh} start it here.
     */
    public static ScheduledExecutorService job(String jdbcUrl, DataSource dataSource, PeriodicJobs jobs) {
        if (!applies(jdbcUrl)) {
            return PeriodicJobs.idle("wams-h2-compaction");
        }
        H2Compaction compaction = new H2Compaction(dataSource);
        return jobs.start(
                "wams-h2-compaction", EVERY, () -> compaction.run() ? 1 : 0); // a run counts 1 when it rewrote
    }

    /** True for a data source of an embedded H2 file (PostgreSQL reclaims space by itself). */
    public static boolean applies(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:file:");
    }

    /**
     * One run: rewrites the emptiest chunks when the file is below the fill rate; true when it did.
     * Does nothing when this process does not hold the file itself (another process opened it
     * first and serves it: that one compacts).
     */
    public boolean run() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return store(c).map(store -> store.compact(TARGET_FILL_RATE, WRITE_PER_RUN))
                    .orElse(false);
        }
    }

    private static Optional<MVStore> store(Connection c) throws SQLException {
        return c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local
                ? Optional.of(local.getDatabase().getStore().getMvStore())
                : Optional.empty();
    }
}
