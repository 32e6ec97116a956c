package nl.wams.gateway.participation;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import nl.wams.adapters.peer.PeerProvision;
import nl.wams.adapters.peer.PeerReceipt;
import nl.wams.adapters.peer.PeerRequest;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.SealedColumn;
import nl.wams.gateway.storage.StoredTime;

/** What other gateways sent, held apart, sealed with the data key; writes are {@link InTransaction} work. */
public final class ReceivedStore {

    /** What this store seals, and how each value is bound to its row ({@code audit rekey}). */
    public static final List<SealedColumn> SEALED =
            List.of(SealedColumn.of("ontvangst", "content", "id", id -> "ontvangst:" + id));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final DataCipher cipher;

    public ReceivedStore(DataSource dataSource, DataCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    InTransaction insert(Received received) {
        return c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO ontvangst (id, sender_oin, sender_reference, kind, content, status, received_at,"
                            + " delete_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, received.id());
                insert.setString(2, received.senderOin());
                insert.setString(3, received.senderReference());
                insert.setString(4, received.kind().name());
                insert.setString(
                        5, cipher.seal(received.provision().toJson().toString(), "ontvangst:" + received.id()));
                insert.setString(6, received.status().name());
                insert.setString(7, StoredTime.format(received.receivedAt()));
                insert.setString(8, StoredTime.format(received.deleteAfter()));
                insert.executeUpdate();
            }
        };
    }

    /** A decision on something still waiting; withdrawn when it was decided (or deleted) meanwhile. */
    InTransaction decide(String id, PeerReceipt.Status status, String by, String motivation, Instant now) {
        return c -> {
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE ontvangst SET status = ?, decided_by = ?, motivation = ?, decided_at = ?"
                            + " WHERE id = ? AND status = 'ONTVANGEN' AND content IS NOT NULL")) {
                update.setString(1, status.name());
                update.setString(2, by);
                update.setString(3, motivation);
                update.setString(4, StoredTime.format(now));
                update.setString(5, id);
                if (update.executeUpdate() != 1) {
                    throw new InTransaction.Withdrawn("decided meanwhile");
                }
            }
        };
    }

    /** Deletes the content of something not adopted whose term ended; withdrawn when another node did. */
    InTransaction delete(String id, Instant now) {
        return c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE ontvangst SET content = NULL, status = 'VERWIJDERD' WHERE id = ? AND content IS NOT NULL"
                            + " AND status <> 'OVERGENOMEN' AND delete_after <= ?")) {
                update.setString(1, id);
                update.setString(2, StoredTime.format(now));
                if (update.executeUpdate() != 1) {
                    throw new InTransaction.Withdrawn("already deleted");
                }
            }
        };
    }

    public Optional<Received> get(String id) throws SQLException {
        return one("SELECT * FROM ontvangst WHERE id = ?", id, null);
    }

    public Optional<Received> bySender(String senderOin, String reference) throws SQLException {
        return one("SELECT * FROM ontvangst WHERE sender_oin = ? AND sender_reference = ?", senderOin, reference);
    }

    /** Everything still holding content, waiting ones first, oldest first. */
    public List<Received> current(int limit) throws SQLException {
        return many(
                "SELECT * FROM ontvangst WHERE content IS NOT NULL ORDER BY CASE WHEN status = 'ONTVANGEN' THEN 0"
                        + " ELSE 1 END, received_at LIMIT " + Math.max(1, limit),
                null);
    }

    /** Not adopted, still holding content, term ended. */
    List<Received> due(Instant now) throws SQLException {
        return many(
                "SELECT * FROM ontvangst WHERE content IS NOT NULL AND status <> 'OVERGENOMEN' AND delete_after <= ?",
                StoredTime.format(now));
    }

    private Optional<Received> one(String sql, String a, String b) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, a);
            if (b != null) {
                select.setString(2, b);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(received(rs)) : Optional.empty();
            }
        }
    }

    private List<Received> many(String sql, String parameter) throws SQLException {
        List<Received> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    all.add(received(rs));
                }
            }
        }
        return all;
    }

    private Received received(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String content = rs.getString("content");
        PeerProvision provision = null;
        if (content != null) {
            try {
                provision = PeerProvision.read(JSON.readTree(cipher.open(content, "ontvangst:" + id)));
            } catch (IOException | PeerRequest.InvalidField e) {
                throw new IllegalStateException("stored message is not readable", e);
            }
        }
        String decided = rs.getString("decided_at");
        return new Received(
                id,
                rs.getString("sender_oin"),
                rs.getString("sender_reference"),
                PeerProvision.Kind.valueOf(rs.getString("kind")),
                provision,
                PeerReceipt.Status.valueOf(rs.getString("status")),
                StoredTime.parse(rs.getString("received_at")),
                StoredTime.parse(rs.getString("delete_after")),
                decided == null ? null : StoredTime.parse(decided),
                rs.getString("decided_by"),
                rs.getString("motivation"));
    }
}
