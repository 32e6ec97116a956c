package nl.wams.gateway.federation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import nl.wams.gateway.storage.StoredTime;

/**
 * Remembers accepted request ids in the shared database until they expire, so a replayed request
 * is refused by every replica. The primary key does the work: a second insert of the same jti fails.
 * Expired ids are deleted by {@link #deleteExpired}, a background job's work, never on the path of
 * a peer's request.
 */
public final class ReplayStore {

    /** How often the gateway deletes expired request ids. */
    public static final Duration EXPIRY_EVERY = Duration.ofMinutes(1);

    /** Expired ids deleted per transaction: a backlog never becomes one long transaction. */
    static final int DELETE_BATCH = 1000;

    /** One batch of {@link #deleteExpired}: the oldest expired ids, by the index on {@code expires_at}. */
    static final String DELETE_EXPIRED = "DELETE FROM peer_replay WHERE jti IN"
            + " (SELECT jti FROM peer_replay WHERE expires_at < ? ORDER BY expires_at"
            + " FETCH FIRST " + DELETE_BATCH + " ROWS ONLY)";

    private final DataSource dataSource;
    private final Clock clock;

    public ReplayStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** True the first time this jti is seen; false for a replay. SQLException when the store is down. */
    public boolean firstUse(String jti, String requesterOin, Instant expires) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO peer_replay (jti, requester_oin, expires_at) VALUES (?, ?, ?)")) {
            insert.setString(1, jti);
            insert.setString(2, requesterOin);
            // Kept a little longer than the request lives, so clock skew cannot reopen the window.
            insert.setString(3, StoredTime.format(expires.plus(Duration.ofMinutes(1))));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // integrity constraint violation: this jti was used before
            }
            throw e;
        }
    }

    /**
     * Deletes the ids whose term has passed, oldest first, at most {@link #DELETE_BATCH} per
     * transaction of its own, until none is left; returns how many.
     */
    public int deleteExpired() throws SQLException {
        String now = StoredTime.format(clock.instant());
        int deleted = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement(DELETE_EXPIRED)) {
            c.setAutoCommit(true);
            int batch;
            do {
                delete.setString(1, now);
                batch = delete.executeUpdate();
                deleted += batch;
            } while (batch == DELETE_BATCH);
        }
        return deleted;
    }
}
