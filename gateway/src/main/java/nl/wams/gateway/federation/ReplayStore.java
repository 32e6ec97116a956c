package nl.wams.gateway.federation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.storage.ExpiredRows;
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

    /** Expired ids, 1000 per transaction, by the index on {@code expires_at}. */
    static final ExpiredRows EXPIRED = new ExpiredRows("peer_replay", "jti", "expires_at", 1000);

    private final DataSource dataSource;
    private final Clock clock;

    public ReplayStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** True the first time this jti is seen; false for a replay. SQLException when the store is down. */
    public boolean firstUse(String jti, String requesterOin, Instant expires) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return firstUse(c, jti, requesterOin, expires);
        }
    }

    /**
     * The first use of {@code jti} as work in the audit writer's transaction, so that it is
     * committed with the record that the request was received, in the same durable commit: a
     * replay throws {@link InTransaction.Withdrawn}, and neither the use nor the record is written.
     * Fails closed: a store that cannot be written fails that commit, and the request goes no further.
     */
    public InTransaction firstUseWith(String jti, String requesterOin, Instant expires) {
        return connection -> {
            if (!firstUse(connection, jti, requesterOin, expires)) {
                throw new InTransaction.Withdrawn("request id used before");
            }
        };
    }

    private static boolean firstUse(Connection c, String jti, String requesterOin, Instant expires)
            throws SQLException {
        try (PreparedStatement insert =
                c.prepareStatement("INSERT INTO peer_replay (jti, requester_oin, expires_at) VALUES (?, ?, ?)")) {
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
     * Deletes the ids whose term has passed, oldest first, in transactions of their own of at most
     * {@code EXPIRED.batch()} rows, until none is left; returns how many.
     */
    public int deleteExpired() throws SQLException {
        return EXPIRED.delete(dataSource, clock.instant());
    }
}
