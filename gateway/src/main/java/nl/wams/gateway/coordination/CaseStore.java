package nl.wams.gateway.coordination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import nl.wams.adapters.peer.PeerRequest;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.SealedColumn;
import nl.wams.gateway.storage.StoredTime;

/**
 * The college's cases and their parts in the gateway's database. Everything personal is sealed
 * with the data key, bound to its row; the plain columns hold only what managing the case needs
 * (status, times). Writes are {@link InTransaction} work, so that each change commits together
 * with its audit record or not at all.
 */
public final class CaseStore {

    /** What this store seals, and how each value is bound to its row ({@code audit rekey}). */
    public static final List<SealedColumn> SEALED = List.of(
            SealedColumn.of("zaak", "content", "reference", reference -> "zaak:" + reference),
            SealedColumn.of("zaak_onderdeel", "content", "id", id -> "onderdeel:" + id));

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final DataSource dataSource;
    private final DataCipher cipher;

    public CaseStore(DataSource dataSource, DataCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    InTransaction insert(Case zaak) {
        return c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO zaak (reference, content, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setString(1, zaak.reference());
                insert.setString(2, seal(zaak.details(), "zaak:" + zaak.reference()));
                insert.setString(3, zaak.status().name());
                insert.setString(4, StoredTime.format(zaak.createdAt()));
                insert.setString(5, StoredTime.format(zaak.createdAt()));
                insert.executeUpdate();
            }
        };
    }

    /** Replaces the details, status and terms of an existing case. */
    InTransaction update(Case zaak, Instant now) {
        return c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE zaak SET content = ?, status = ?, updated_at = ?, closed_at = ?, delete_after = ?"
                            + " WHERE reference = ?")) {
                update.setString(1, seal(zaak.details(), "zaak:" + zaak.reference()));
                update.setString(2, zaak.status().name());
                update.setString(3, StoredTime.format(now));
                update.setString(4, zaak.closedAt() == null ? null : StoredTime.format(zaak.closedAt()));
                update.setString(5, zaak.deleteAfter() == null ? null : StoredTime.format(zaak.deleteAfter()));
                update.setString(6, zaak.reference());
                if (update.executeUpdate() != 1) {
                    throw new InTransaction.Withdrawn("case gone");
                }
            }
        };
    }

    /** Whether a case with this reference exists (nothing is unsealed). */
    public boolean exists(String reference) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT 1 FROM zaak WHERE reference = ?")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    public Optional<Case> get(String reference) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT * FROM zaak WHERE reference = ?")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(zaak(rs)) : Optional.empty();
            }
        }
    }

    /** Cases, open ones first, newest first: only the plain columns, nothing is unsealed. */
    public List<Case.Summary> list(int limit) throws SQLException {
        List<Case.Summary> cases = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT reference, status, created_at, closed_at FROM zaak"
                                + " ORDER BY status DESC, created_at DESC LIMIT " + Math.max(1, limit))) {
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    cases.add(new Case.Summary(
                            rs.getString("reference"),
                            Case.Status.valueOf(rs.getString("status")),
                            StoredTime.parse(rs.getString("created_at")),
                            time(rs.getString("closed_at"))));
                }
            }
        }
        return cases;
    }

    /** Runs work that needs no audit record (a status another gateway reported) in its own transaction. */
    void apply(InTransaction work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Closed cases whose retention term has ended. */
    List<String> due(Instant now) throws SQLException {
        List<String> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT reference FROM zaak WHERE status = 'GESLOTEN' AND delete_after <= ?")) {
            select.setString(1, StoredTime.format(now));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getString(1));
                }
            }
        }
        return due;
    }

    /**
     * Deletes a closed case and all its parts, if its term has ended; withdrawn (nothing written)
     * when another replica deleted it first.
     */
    InTransaction delete(String reference, Instant now) {
        return c -> {
            try (PreparedStatement parts = c.prepareStatement("DELETE FROM zaak_onderdeel WHERE reference = ?");
                    PreparedStatement zaak = c.prepareStatement(
                            "DELETE FROM zaak WHERE reference = ? AND status = 'GESLOTEN' AND delete_after <= ?")) {
                zaak.setString(1, reference);
                zaak.setString(2, StoredTime.format(now));
                if (zaak.executeUpdate() != 1) {
                    throw new InTransaction.Withdrawn("case already deleted");
                }
                parts.setString(1, reference);
                parts.executeUpdate();
            }
        };
    }

    InTransaction insertPart(Part part) {
        return c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO zaak_onderdeel (id, reference, kind, parent_id, content, status, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, part.id());
                insert.setString(2, part.reference());
                insert.setString(3, part.kind().name());
                insert.setString(4, part.parentId());
                insert.setString(5, cipher.seal(content(part.content()).toString(), "onderdeel:" + part.id()));
                insert.setString(6, part.status() == null ? null : part.status().name());
                insert.setString(7, StoredTime.format(part.createdAt()));
                insert.setString(8, StoredTime.format(part.updatedAt()));
                insert.executeUpdate();
            }
        };
    }

    InTransaction setStatus(String partId, Part.Status status, Instant now) {
        return c -> {
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE zaak_onderdeel SET status = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, status.name());
                update.setString(2, StoredTime.format(now));
                update.setString(3, partId);
                if (update.executeUpdate() != 1) {
                    throw new InTransaction.Withdrawn("part gone");
                }
            }
        };
    }

    /** The parts of a case, oldest first. */
    public List<Part> parts(String reference) throws SQLException {
        List<Part> parts = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT * FROM zaak_onderdeel WHERE reference = ? ORDER BY created_at, id")) {
            select.setString(1, reference);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    parts.add(part(rs));
                }
            }
        }
        return parts;
    }

    public Optional<Part> part(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT * FROM zaak_onderdeel WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(part(rs)) : Optional.empty();
            }
        }
    }

    private Case zaak(ResultSet rs) throws SQLException {
        String reference = rs.getString("reference");
        Case.Details details;
        try {
            details = JSON.readValue(cipher.open(rs.getString("content"), "zaak:" + reference), Case.Details.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored case is not readable", e);
        }
        return new Case(
                reference,
                details,
                Case.Status.valueOf(rs.getString("status")),
                StoredTime.parse(rs.getString("created_at")),
                time(rs.getString("closed_at")),
                time(rs.getString("delete_after")));
    }

    private Part part(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        Part.Kind kind = Part.Kind.valueOf(rs.getString("kind"));
        Part.Content content;
        try {
            JsonNode node = JSON.readTree(cipher.open(rs.getString("content"), "onderdeel:" + id));
            content = switch (kind) {
                case AFSPRAAK -> JSON.treeToValue(node, Part.Agreement.class);
                case VOORTGANG, BIJSTELLING -> JSON.treeToValue(node, Part.Note.class);
                case OVERLEG -> JSON.treeToValue(node, Part.Meeting.class);
                case BIJDRAGE -> JSON.treeToValue(node, Part.Contribution.class);
                case VERSTREKKING ->
                    new Part.Message(node.path("partyId").asText(), PeerProvision.read(node.path("provision")));
            };
        } catch (JsonProcessingException | PeerRequest.InvalidField e) {
            throw new IllegalStateException("stored part is not readable", e);
        }
        return new Part(
                id,
                rs.getString("reference"),
                kind,
                rs.getString("parent_id"),
                content,
                Part.Status.of(kind, rs.getString("status")),
                StoredTime.parse(rs.getString("created_at")),
                StoredTime.parse(rs.getString("updated_at")));
    }

    private static JsonNode content(Part.Content content) {
        if (content instanceof Part.Message message) {
            ObjectNode node = JSON.createObjectNode().put("partyId", message.partyId());
            node.set("provision", message.provision().toJson());
            return node;
        }
        return JSON.valueToTree(content);
    }

    private String seal(Object value, String row) {
        try {
            return cipher.seal(JSON.writeValueAsString(value), row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant time(String stored) {
        return stored == null ? null : StoredTime.parse(stored);
    }
}
