package nl.wams.gateway.request;

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
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.Housekeeping;
import nl.wams.gateway.storage.StoredTime;

/**
 * Aggregated answers, kept for a limited time so the caller can fetch them again by id, and so a
 * request that waits for a professional survives restarts and is visible to every replica. Only
 * the user who asked can read a result. Completed results expire after the configured retention;
 * pending ones are kept until they complete (at most {@link #PENDING_RETENTION}).
 */
public final class ResultStore {

    static final Duration PENDING_RETENTION = Duration.ofDays(60);
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(1);

    private final DataSource dataSource;
    private final DataCipher cipher;
    private final Clock clock;
    private final Duration retention;
    private final ObjectMapper json =
            new ObjectMapper().findAndRegisterModules().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Housekeeping housekeeping;

    public ResultStore(DataSource dataSource, DataCipher cipher, Clock clock, Duration retention) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.clock = clock;
        this.retention = retention;
        this.housekeeping = new Housekeeping(clock, CLEANUP_EVERY);
    }

    /** Stores or replaces a result. */
    public void put(DataRequestResult result) throws SQLException {
        cleanupIfDue();
        Instant expires = clock.instant().plus(result.pending() ? PENDING_RETENTION : retention);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM request_result WHERE id = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO request_result (id, requester, expires_at, result) VALUES (?, ?, ?, ?)")) {
                delete.setString(1, result.id().toString());
                delete.executeUpdate();
                insert.setString(1, result.id().toString());
                insert.setString(2, result.requester());
                insert.setString(3, StoredTime.format(expires));
                // Sealed: a result holds released personal data and BSNs.
                insert.setString(
                        4,
                        cipher.seal(json.writeValueAsString(result), result.id().toString()));
                insert.executeUpdate();
                c.commit();
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e instanceof SQLException sql ? sql : new SQLException("cannot store result", e);
            }
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

    private void cleanupIfDue() throws SQLException {
        if (!housekeeping.due()) {
            return;
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM request_result WHERE expires_at < ?")) {
            delete.setString(1, StoredTime.format(now));
            delete.executeUpdate();
        }
    }
}
