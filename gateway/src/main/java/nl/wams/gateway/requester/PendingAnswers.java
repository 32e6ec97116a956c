package nl.wams.gateway.requester;

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
import nl.wams.gateway.storage.SealedColumn;
import nl.wams.gateway.storage.StoredTime;

/** Answers still to be fetched from a party's status resource (requester role), in the database. */
public final class PendingAnswers {

    /** What this store seals, and how each value is bound to its row ({@code audit rekey}). */
    public static final List<SealedColumn> SEALED = List.of(new SealedColumn(
            "pending_answer",
            "request_jws",
            List.of("request_id", "party_id"),
            keys -> keys.get(0) + "/" + keys.get(1)));

    /**
     * One answer to fetch.
     *
     * @param attempts polls so far
     * @param failures polls in a row that learnt nothing (no connection, 5xx, an unexpected status)
     */
    public record Pending(
            UUID requestId, String partyId, String statusUrl, String requestJws, int attempts, int failures) {
        @Override
        public String toString() {
            return "Pending[" + requestId + ", " + partyId + "]";
        }
    }

    /**
     * Where polling for one party's answer stands, as the requester's application sees it.
     *
     * @param lastFailure what the last failed poll learnt (a technical reason, never personal data), or null
     */
    public record Schedule(String partyId, int attempts, int failures, Instant nextPoll, String lastFailure) {}

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
                        c.prepareStatement("SELECT request_id, party_id, status_url, request_jws, attempts, failures"
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
                            rs.getInt(5),
                            rs.getInt(6)));
                }
            }
        }
        return due;
    }

    /** Polls again at {@code next}: the party is still deciding (failures in a row start again at 0). */
    public void reschedule(Pending pending, Instant next) throws SQLException {
        update(pending, next, 0, null);
    }

    /** Polls again at {@code next} after a poll that learnt nothing, and remembers why. */
    public void rescheduleAfterFailure(Pending pending, Instant next, String reason) throws SQLException {
        update(pending, next, pending.failures() + 1, reason.length() > 300 ? reason.substring(0, 300) : reason);
    }

    private void update(Pending pending, Instant next, int failures, String reason) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE pending_answer SET attempts = ?, next_poll_at = ?,"
                        + " failures = ?, last_failure = ? WHERE request_id = ? AND party_id = ?")) {
            s.setInt(1, pending.attempts() + 1);
            s.setString(2, StoredTime.format(next));
            s.setInt(3, failures);
            s.setString(4, reason);
            s.setString(5, pending.requestId().toString());
            s.setString(6, pending.partyId());
            s.executeUpdate();
        }
    }

    /** The poll schedule of each party of this request whose answer is still held. */
    public List<Schedule> schedule(UUID requestId) throws SQLException {
        List<Schedule> schedule = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT party_id, attempts, failures, next_poll_at,"
                        + " last_failure FROM pending_answer WHERE request_id = ? ORDER BY party_id")) {
            s.setString(1, requestId.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    schedule.add(new Schedule(
                            rs.getString(1),
                            rs.getInt(2),
                            rs.getInt(3),
                            StoredTime.parse(rs.getString(4)),
                            rs.getString(5)));
                }
            }
        }
        return schedule;
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
