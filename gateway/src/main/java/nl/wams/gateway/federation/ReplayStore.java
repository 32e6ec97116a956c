package nl.wams.gateway.federation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import nl.wams.gateway.storage.Housekeeping;
import nl.wams.gateway.storage.StoredTime;

/**
 * Remembers accepted request ids in the shared database until they expire, so a replayed request
 * is refused by every replica. The primary key does the work: a second insert of the same jti fails.
 */
public final class ReplayStore {

    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final Clock clock;
    private final Housekeeping housekeeping;

    public ReplayStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.housekeeping = new Housekeeping(clock, CLEANUP_EVERY);
    }

    /** True the first time this jti is seen; false for a replay. SQLException when the store is down. */
    public boolean firstUse(String jti, String requesterOin, Instant expires) throws SQLException {
        cleanupIfDue();
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

    private void cleanupIfDue() throws SQLException {
        if (!housekeeping.due()) {
            return;
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM peer_replay WHERE expires_at < ?")) {
            delete.setString(1, StoredTime.format(now));
            delete.executeUpdate();
        }
    }
}
