package nl.wams.gateway.requester;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import nl.wams.gateway.request.DataRequestResult;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.ExpiredRows;
import nl.wams.gateway.storage.SealedColumn;
import nl.wams.gateway.storage.StoredTime;

/**
 * Aggregated answers, kept for a limited time so the caller can fetch them again by id, and so a
 * request that waits for a professional survives restarts and is visible to every replica. Only
 * the user who asked can read a result. Completed results expire after the configured retention;
 * pending ones are kept until they complete (at most {@link #PENDING_RETENTION}). Expired results
 * are deleted by {@link #deleteExpired}, a background job's work: never in a request's or the audit
 * writer's transaction, so clean-up does not hold up what the gateway is answering.
 */
public final class ResultStore {

    /** What this store seals, and how each value is bound to its row ({@code audit rekey}). */
    public static final List<SealedColumn> SEALED =
            List.of(SealedColumn.of("request_result", "result", "id", id -> id));

    static final Duration PENDING_RETENTION = Duration.ofDays(60);

    /** How often the gateway deletes expired results. */
    static final Duration EXPIRY_EVERY = Duration.ofMinutes(1);

    /** Expired results, 500 per transaction (a result can be large), by the index on {@code expires_at}. */
    static final ExpiredRows EXPIRED = new ExpiredRows("request_result", "id", "expires_at", 500);

    private final DataSource dataSource;
    private final DataCipher cipher;
    private final Clock clock;
    private final Duration retention;
    private final ObjectMapper json =
            new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ResultStore(DataSource dataSource, DataCipher cipher, Clock clock, Duration retention) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.clock = clock;
        this.retention = retention;
    }

    /** Stores or replaces a result in its own transaction. */
    public void put(DataRequestResult result) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                put(c, result);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * A result ready to be written: serialised and sealed. Made on the caller's thread, so the
     * audit writer's transaction (one thread for all requests) only executes the statement.
     */
    public record Row(String id, String requester, String expiresAt, String sealed) {
        @Override
        public String toString() {
            return "Row[" + id + "]";
        }
    }

    /** Serialises and seals a result (it holds released personal data and BSNs). */
    public Row row(DataRequestResult result) throws SQLException {
        Instant expires = clock.instant().plus(result.pending() ? PENDING_RETENTION : retention);
        try {
            return new Row(
                    result.id().toString(),
                    result.requester(),
                    StoredTime.format(expires),
                    cipher.seal(json.writeValueAsString(result), result.id().toString()));
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot store result", e);
        }
    }

    /**
     * Stores or replaces a result on the caller's connection, inside the caller's transaction (the
     * audit writer's, so that the records saying what was released and the result holding it are
     * committed together).
     */
    public void put(Connection c, DataRequestResult result) throws SQLException {
        put(c, row(result));
    }

    /** As {@link #put(Connection, DataRequestResult)}, for a row made beforehand. */
    public void put(Connection c, Row row) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE request_result SET requester = ?, expires_at = ?, result = ? WHERE id = ?")) {
            update.setString(1, row.requester());
            update.setString(2, row.expiresAt());
            update.setString(3, row.sealed());
            update.setString(4, row.id());
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        insert(c, row);
    }

    /** Stores a new result (its id is fresh) on the caller's connection, inside the caller's transaction. */
    public void insert(Connection c, Row row) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO request_result (id, requester, expires_at, result) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, row.id());
            insert.setString(2, row.requester());
            insert.setString(3, row.expiresAt());
            insert.setString(4, row.sealed());
            insert.executeUpdate();
        }
    }

    /** The result, if it exists, has not expired, and belongs to this requester. */
    public Optional<DataRequestResult> get(UUID id, String requester) throws SQLException {
        return get(id).filter(r -> r.requester().equals(requester));
    }

    /** The result regardless of who asked (for the gateway's own use, such as polling). */
    public Optional<DataRequestResult> get(UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT result FROM request_result WHERE id = ? AND expires_at >= ?")) {
            s.setString(1, id.toString());
            s.setString(2, StoredTime.format(clock.instant()));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        json.readValue(cipher.open(rs.getString(1), id.toString()), DataRequestResult.class));
            }
        } catch (JsonProcessingException | IllegalStateException e) {
            throw new SQLException("stored result " + id + " is unreadable", e);
        }
    }

    /** The requester's results that have not expired, newest first (at most {@code limit}). */
    public List<DataRequestResult> list(String requester, int limit) throws SQLException {
        List<DataRequestResult> results = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT id, result FROM request_result WHERE requester = ? AND expires_at >= ?")) {
            s.setString(1, requester);
            s.setString(2, StoredTime.format(clock.instant()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    results.add(json.readValue(cipher.open(rs.getString(2), rs.getString(1)), DataRequestResult.class));
                }
            }
        } catch (JsonProcessingException | IllegalStateException e) {
            throw new SQLException("a stored result is unreadable", e);
        }
        results.sort(Comparator.comparing(DataRequestResult::received).reversed());
        return results.size() > limit ? List.copyOf(results.subList(0, limit)) : results;
    }

    /**
     * Deletes the results that have expired, oldest first, in transactions of their own of at most
     * {@code EXPIRED.batch()} rows, until none is left; returns how many.
     */
    public int deleteExpired() throws SQLException {
        return EXPIRED.delete(dataSource, clock.instant());
    }
}
