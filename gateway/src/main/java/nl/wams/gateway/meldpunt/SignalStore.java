package nl.wams.gateway.meldpunt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.SealedColumn;
import nl.wams.gateway.storage.StoredTime;

/**
 * Signals and their routings in the gateway's database. What the reporter wrote and the
 * assessment are sealed with the data key, bound to the row; the plain columns hold only what
 * the queue needs. Writes are {@link InTransaction} work, committed with their audit record.
 */
public final class SignalStore {

    /** What this store seals, and how each value is bound to its row ({@code audit rekey}). */
    public static final List<SealedColumn> SEALED =
            List.of(SealedColumn.of("melding", "content", "reference", reference -> "melding:" + reference));

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final DataSource dataSource;
    private final DataCipher cipher;

    public SignalStore(DataSource dataSource, DataCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    InTransaction insert(Signal signal) {
        return c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO melding (reference, content, status, channel, person_key, case_reference, received_at,"
                            + " first_contact_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, signal.reference());
                insert.setString(2, seal(signal));
                insert.setString(3, signal.status().name());
                insert.setString(4, signal.channel().name());
                insert.setString(5, signal.personKey());
                insert.setString(6, signal.caseReference());
                insert.setString(7, StoredTime.format(signal.receivedAt()));
                insert.setString(8, StoredTime.format(signal.firstContactBy()));
                insert.setString(9, StoredTime.format(signal.receivedAt()));
                insert.executeUpdate();
            }
        };
    }

    /**
     * Replaces a signal's content and plain columns, if it is still {@code expected} (another
     * replica or person may have changed it meanwhile: then nothing is written).
     */
    InTransaction update(Signal signal, Signal.Status expected, Instant now) {
        return c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE melding SET content = ?, status = ?, person_key = ?, case_reference = ?, updated_at = ?,"
                            + " routed_at = ?, closed_at = ?, delete_after = ? WHERE reference = ? AND status = ?")) {
                update.setString(1, seal(signal));
                update.setString(2, signal.status().name());
                update.setString(3, signal.personKey());
                update.setString(4, signal.caseReference());
                update.setString(5, StoredTime.format(now));
                update.setString(6, format(signal.routedAt()));
                update.setString(7, format(signal.closedAt()));
                update.setString(8, format(signal.deleteAfter()));
                update.setString(9, signal.reference());
                update.setString(10, expected.name());
                if (update.executeUpdate() != 1) {
                    throw new InTransaction.Withdrawn("signal changed meanwhile");
                }
            }
        };
    }

    /**
     * Marks an open signal routed: a desk took it on or holds it. Its term runs from the first
     * routing. A signal closed or deleted meanwhile is left as it is.
     */
    InTransaction routed(String reference, Instant routedAt, Instant deleteAfter, Instant now) {
        return c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE melding SET status = CASE WHEN status = 'GESLOTEN' THEN status ELSE 'DOORGELEID' END,"
                            + " routed_at = ?, delete_after = CASE WHEN status = 'GESLOTEN' AND delete_after IS NOT NULL"
                            + " AND delete_after < ? THEN delete_after ELSE ? END, updated_at = ? WHERE reference = ?")) {
                update.setString(1, StoredTime.format(routedAt));
                update.setString(2, StoredTime.format(deleteAfter));
                update.setString(3, StoredTime.format(deleteAfter));
                update.setString(4, StoredTime.format(now));
                update.setString(5, reference);
                update.executeUpdate();
            }
        };
    }

    /** A desk declined a signal it held: back in assessment, unless another desk has it or it was closed. */
    InTransaction unrouted(String reference, Instant now) {
        return c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE melding SET status = 'IN_BEOORDELING', updated_at = ? WHERE reference = ?"
                            + " AND status = 'DOORGELEID' AND NOT EXISTS (SELECT 1 FROM melding_doorgeleiding d"
                            + " WHERE d.reference = ? AND d.status IN ('AANGENOMEN', 'IN_AFWACHTING'))")) {
                update.setString(1, StoredTime.format(now));
                update.setString(2, reference);
                update.setString(3, reference);
                update.executeUpdate();
            }
        };
    }

    public Optional<Signal> get(String reference) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT * FROM melding WHERE reference = ?")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(signal(rs)) : Optional.empty();
            }
        }
    }

    /** A signal staff can still act on: not found, or closed ({@link Result.Why#CLOSED}), or the signal. */
    Result<Signal> open(String reference) throws SQLException {
        Optional<Signal> found = get(reference);
        if (found.isEmpty()) {
            return new Result.NotFound<>();
        }
        return found.get().status().open() ? new Result.Done<>(found.get()) : new Result.Conflict<>(Result.Why.CLOSED);
    }

    /** Only the status of a signal (nothing is unsealed). */
    Optional<Signal.Status> status(String reference) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT status FROM melding WHERE reference = ?")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(Signal.Status.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** Signals waiting for assessment (the bounded queue). */
    int waiting() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT COUNT(*) FROM melding WHERE status = 'ONTVANGEN'")) {
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * The open signals, oldest first, with how many other signals there are about the same person:
     * only the plain columns, nothing is unsealed.
     */
    public List<Signal.Summary> open(int limit) throws SQLException {
        List<Signal.Summary> open = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT m.reference, m.status, m.channel, m.received_at, m.first_contact_by, m.case_reference,"
                                + " (SELECT COUNT(*) FROM melding o WHERE o.person_key = m.person_key"
                                + " AND o.reference <> m.reference) AS earlier"
                                + " FROM melding m WHERE m.status IN ('ONTVANGEN', 'IN_BEOORDELING')"
                                + " ORDER BY m.received_at, m.reference LIMIT " + Math.max(1, limit))) {
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    open.add(summary(rs, rs.getInt("earlier")));
                }
            }
        }
        return open;
    }

    /** The other signals with this person key, oldest first (plain columns only). */
    public List<Signal.Summary> aboutPerson(String personKey, String except) throws SQLException {
        List<Signal.Summary> related = new ArrayList<>();
        if (personKey == null) {
            return related;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT reference, status, channel, received_at, first_contact_by, case_reference FROM melding"
                                + " WHERE person_key = ? AND reference <> ? ORDER BY received_at")) {
            select.setString(1, personKey);
            select.setString(2, except);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    related.add(summary(rs, 0));
                }
            }
        }
        return related;
    }

    /** One worklist line from the plain columns of a row. */
    private static Signal.Summary summary(ResultSet rs, int earlier) throws SQLException {
        return new Signal.Summary(
                rs.getString("reference"),
                Signal.Status.valueOf(rs.getString("status")),
                Signal.Channel.valueOf(rs.getString("channel")),
                StoredTime.parse(rs.getString("received_at")),
                StoredTime.parse(rs.getString("first_contact_by")),
                earlier,
                rs.getString("case_reference") != null);
    }

    /** Signals whose term has ended. */
    List<String> due(Instant now) throws SQLException {
        List<String> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT reference FROM melding WHERE delete_after <= ? ORDER BY delete_after")) {
            select.setString(1, StoredTime.format(now));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getString(1));
                }
            }
        }
        return due;
    }

    /** Deletes a signal and its routings if its term has ended; withdrawn when another replica was first. */
    InTransaction delete(String reference, Instant now) {
        return c -> {
            try (PreparedStatement signal =
                            c.prepareStatement("DELETE FROM melding WHERE reference = ? AND delete_after <= ?");
                    PreparedStatement routings =
                            c.prepareStatement("DELETE FROM melding_doorgeleiding WHERE reference = ?")) {
                signal.setString(1, reference);
                signal.setString(2, StoredTime.format(now));
                if (signal.executeUpdate() != 1) {
                    throw new InTransaction.Withdrawn("signal already deleted");
                }
                routings.setString(1, reference);
                routings.executeUpdate();
            }
        };
    }

    InTransaction insert(Routing routing) {
        return c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO melding_doorgeleiding (id, reference, desk_id, status, desk_reference, reason,"
                            + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, routing.id());
                insert.setString(2, routing.reference());
                insert.setString(3, routing.deskId());
                insert.setString(4, routing.status().name());
                insert.setString(5, routing.deskReference());
                insert.setString(6, routing.reason());
                insert.setString(7, StoredTime.format(routing.createdAt()));
                insert.setString(8, StoredTime.format(routing.updatedAt()));
                insert.executeUpdate();
            }
        };
    }

    /** Records what the desk answered, if the routing is still {@code expected}. */
    InTransaction update(Routing routing, Routing.Status expected) {
        return c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE melding_doorgeleiding SET status = ?, desk_reference = ?, reason = ?, updated_at = ?"
                            + " WHERE id = ? AND status = ?")) {
                update.setString(1, routing.status().name());
                update.setString(2, routing.deskReference());
                update.setString(3, routing.reason());
                update.setString(4, StoredTime.format(routing.updatedAt()));
                update.setString(5, routing.id());
                update.setString(6, expected.name());
                if (update.executeUpdate() != 1) {
                    throw new InTransaction.Withdrawn("routing changed meanwhile");
                }
            }
        };
    }

    /** A signal's routings, oldest first. */
    public List<Routing> routings(String reference) throws SQLException {
        return routings("SELECT * FROM melding_doorgeleiding WHERE reference = ? ORDER BY created_at, id", reference);
    }

    /** Routings a desk's gateway still holds (their status can be asked). */
    List<Routing> held() throws SQLException {
        return routings(
                "SELECT * FROM melding_doorgeleiding WHERE status = ? ORDER BY created_at",
                Routing.Status.IN_AFWACHTING.name());
    }

    private List<Routing> routings(String sql, String parameter) throws SQLException {
        List<Routing> routings = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    routings.add(new Routing(
                            rs.getString("id"),
                            rs.getString("reference"),
                            rs.getString("desk_id"),
                            Routing.Status.valueOf(rs.getString("status")),
                            rs.getString("desk_reference"),
                            rs.getString("reason"),
                            StoredTime.parse(rs.getString("created_at")),
                            StoredTime.parse(rs.getString("updated_at"))));
                }
            }
        }
        return routings;
    }

    private Signal signal(ResultSet rs) throws SQLException {
        String reference = rs.getString("reference");
        Signal.Details details;
        try {
            details =
                    JSON.readValue(cipher.open(rs.getString("content"), "melding:" + reference), Signal.Details.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored signal is not readable", e);
        }
        return new Signal(
                reference,
                details,
                Signal.Status.valueOf(rs.getString("status")),
                Signal.Channel.valueOf(rs.getString("channel")),
                rs.getString("person_key"),
                rs.getString("case_reference"),
                StoredTime.parse(rs.getString("received_at")),
                StoredTime.parse(rs.getString("first_contact_by")),
                time(rs.getString("routed_at")),
                time(rs.getString("closed_at")),
                time(rs.getString("delete_after")));
    }

    private String seal(Signal signal) {
        try {
            return cipher.seal(JSON.writeValueAsString(signal.details()), "melding:" + signal.reference());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String format(Instant instant) {
        return instant == null ? null : StoredTime.format(instant);
    }

    private static Instant time(String stored) {
        return stored == null ? null : StoredTime.parse(stored);
    }
}
