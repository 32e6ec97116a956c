package nl.wams.gateway.request;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.StoredTime;

/** Answers still to be fetched from a party's status resource (requester role), in the database. */
public final class PendingAnswers {

    /** One answer to fetch. */
    public record Pending(UUID requestId, String partyId, String statusUrl, String requestJws, int attempts) {
        @Override
        public String toString() {
            return "Pending[" + requestId + ", " + partyId + "]";
        }
    }

    private final DataSource dataSource;
    private final DataCipher cipher;

    public PendingAnswers(DataSource dataSource, DataCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    /** The signed request names the subjects (BSNs in its payload), so it is stored sealed. */
    private static String row(UUID requestId, String partyId) {
        return requestId + "/" + partyId;
    }

    public void add(UUID requestId, String partyId, String statusUrl, String requestJws, Instant firstPoll)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            add(c, requestId, partyId, statusUrl, requestJws, firstPoll);
        }
    }

    /** Adds on the caller's connection, inside the caller's transaction. */
    public void add(
            Connection c, UUID requestId, String partyId, String statusUrl, String requestJws, Instant firstPoll)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO pending_answer (request_id, party_id, status_url,"
                + " request_jws, attempts, next_poll_at) VALUES (?, ?, ?, ?, 0, ?)")) {
            s.setString(1, requestId.toString());
            s.setString(2, partyId);
            s.setString(3, statusUrl);
            s.setString(4, cipher.seal(requestJws, row(requestId, partyId)));
            s.setString(5, StoredTime.format(firstPoll));
            s.executeUpdate();
        }
    }

    public List<Pending> due(Instant now, int max) throws SQLException {
        List<Pending> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT request_id, party_id, status_url, request_jws, attempts"
                                + " FROM pending_answer WHERE next_poll_at <= ? ORDER BY next_poll_at FETCH FIRST "
                                + max
                                + " ROWS ONLY")) {
            s.setString(1, StoredTime.format(now));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    UUID id = UUID.fromString(rs.getString(1));
                    due.add(new Pending(
                            id,
                            rs.getString(2),
                            rs.getString(3),
                            cipher.open(rs.getString(4), row(id, rs.getString(2))),
                            rs.getInt(5)));
                }
            }
        }
        return due;
    }

    public void reschedule(Pending pending, Instant next) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE pending_answer SET attempts = ?, next_poll_at = ?"
                        + " WHERE request_id = ? AND party_id = ?")) {
            s.setInt(1, pending.attempts() + 1);
            s.setString(2, StoredTime.format(next));
            s.setString(3, pending.requestId().toString());
            s.setString(4, pending.partyId());
            s.executeUpdate();
        }
    }

    public void remove(Pending pending) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            remove(c, pending);
        }
    }

    /** Removes on the caller's connection, inside the caller's transaction. */
    public void remove(Connection c, Pending pending) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM pending_answer WHERE request_id = ? AND party_id = ?")) {
            s.setString(1, pending.requestId().toString());
            s.setString(2, pending.partyId());
            s.executeUpdate();
        }
    }
}
