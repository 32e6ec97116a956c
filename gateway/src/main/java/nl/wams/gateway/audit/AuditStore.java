package nl.wams.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import nl.wams.gateway.storage.StoredTime;

/** Reads and writes audit records and checkpoints with plain JDBC; the same SQL runs on H2 and PostgreSQL. */
public final class AuditStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final String COLUMNS = "node_id, seq, record_id, transaction_id, trace_id, span_id, occurred_at,"
            + " event_type, requester_oin, user_ref, party_id, party_oin, purpose, legal_basis, phase, case_ref,"
            + " subjects, categories_asked, categories_released, fields_removed, outcome, ground, motivation,"
            + " prev_hash, hash, config_version, hash_format";

    /** The records of the subject index's rows ({@code s}): from a pseudonym to its records ({@code r}) by key. */
    private static final String SUBJECT_RECORDS =
            " FROM audit_subject s JOIN audit_record r ON r.node_id = s.node_id AND r.seq = s.seq";

    private final DataSource dataSource;

    public AuditStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The last record of a node's chain: where the next record links to. */
    public record ChainHead(long seq, String hash) {
        static final ChainHead EMPTY = new ChainHead(0, AuditRecord.GENESIS);
    }

    /** A stored checkpoint. */
    public record StoredCheckpoint(String nodeId, long seq, String hash, String createdAt, String jws) {}

    /** One page of a query. */
    public record Page(List<AuditRecord> records, long total) {}

    /** Writes records (and their subject index rows) on the caller's connection and transaction. */
    void insert(Connection connection, List<AuditRecord> records) throws SQLException {
        String placeholders = "?,".repeat(27);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_record (" + COLUMNS
                        + ") VALUES (" + placeholders.substring(0, placeholders.length() - 1) + ")");
                PreparedStatement subject = connection.prepareStatement(
                        "INSERT INTO audit_subject (pseudonym, node_id, seq) VALUES (?, ?, ?)")) {
            boolean anySubject = false;
            for (AuditRecord r : records) {
                AuditEntry e = r.entry();
                int i = 1;
                insert.setString(i++, r.nodeId());
                insert.setLong(i++, r.seq());
                insert.setString(i++, r.recordId());
                insert.setString(i++, e.transactionId());
                insert.setString(i++, r.traceId());
                insert.setString(i++, r.spanId());
                insert.setString(i++, r.occurredAt());
                insert.setString(i++, e.event().name());
                insert.setString(i++, e.requesterOin());
                insert.setString(i++, e.userRef());
                insert.setString(i++, e.partyId());
                insert.setString(i++, e.partyOin());
                insert.setString(i++, e.purpose());
                insert.setString(i++, e.legalBasis());
                insert.setString(i++, e.phase());
                insert.setString(i++, e.caseRef());
                insert.setString(i++, json(e.subjects()));
                insert.setString(i++, json(e.categoriesAsked()));
                insert.setString(i++, json(e.categoriesReleased()));
                insert.setString(i++, json(e.fieldsRemoved()));
                insert.setString(i++, e.outcome());
                insert.setString(i++, e.ground());
                insert.setString(i++, e.motivation());
                insert.setString(i++, r.prevHash());
                insert.setString(i++, r.hash());
                insert.setString(i++, e.configVersion());
                insert.setInt(i, r.hashFormat());
                insert.addBatch();
                for (String pseudonym : new LinkedHashSet<>(e.subjects())) { // one index row per person
                    subject.setString(1, pseudonym);
                    subject.setString(2, r.nodeId());
                    subject.setLong(3, r.seq());
                    subject.addBatch();
                    anySubject = true;
                }
            }
            insert.executeBatch();
            if (anySubject) {
                subject.executeBatch();
            }
        }
    }

    void insertCheckpoint(Connection connection, StoredCheckpoint checkpoint) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_checkpoint (node_id, seq, hash, created_at, jws) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, checkpoint.nodeId());
            insert.setLong(2, checkpoint.seq());
            insert.setString(3, checkpoint.hash());
            insert.setString(4, checkpoint.createdAt());
            insert.setString(5, checkpoint.jws());
            insert.executeUpdate();
        }
    }

    public ChainHead head(String nodeId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT seq, hash FROM audit_record WHERE node_id = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
            s.setString(1, nodeId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new ChainHead(rs.getLong(1), rs.getString(2)) : ChainHead.EMPTY;
            }
        }
    }

    public Optional<StoredCheckpoint> lastCheckpoint(String nodeId) throws SQLException {
        List<StoredCheckpoint> all = checkpoints(nodeId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Every node that has written records or checkpoints. */
    public List<String> nodes() throws SQLException {
        List<String> nodes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT node_id FROM audit_record UNION SELECT node_id FROM"
                        + " audit_checkpoint ORDER BY node_id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                nodes.add(rs.getString(1));
            }
        }
        return nodes;
    }

    /** Every record of a node in chain order, streamed. */
    public void forEachRecord(String nodeId, Consumer<AuditRecord> consumer) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM audit_record WHERE node_id = ? ORDER BY seq")) {
            s.setFetchSize(1000);
            s.setString(1, nodeId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(read(rs));
                }
            }
        }
    }

    public List<StoredCheckpoint> checkpoints(String nodeId) throws SQLException {
        List<StoredCheckpoint> checkpoints = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT node_id, seq, hash, created_at, jws FROM"
                        + " audit_checkpoint WHERE node_id = ? ORDER BY seq")) {
            s.setString(1, nodeId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    checkpoints.add(new StoredCheckpoint(
                            rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return checkpoints;
    }

    /** Records matching the filter, newest first, one page, and how many match in all. */
    public Page query(AuditQuery query) throws SQLException {
        Selection selection = Selection.of(query);
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement count = c.prepareStatement(selection.count())) {
                selection.bind(count);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<AuditRecord> records = new ArrayList<>();
            try (PreparedStatement page = c.prepareStatement(selection.page())) {
                int next = selection.bind(page);
                page.setLong(next, (long) (query.page() - 1) * query.pageSize());
                page.setInt(next + 1, query.pageSize());
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        records.add(read(rs));
                    }
                }
            }
            return new Page(records, total);
        }
    }

    /**
     * The records an {@link AuditQuery} selects, as SQL over {@code audit_record r}. A person's
     * records are found from the subject index ({@code audit_subject}, keyed by pseudonym first) and
     * joined to their records by key: a search for one person reads that person's rows, not the whole
     * log (as a correlated {@code EXISTS} per record did: H2 ran it for every record, ~1.7 s per 200,000
     * records, {@code bench/audit-query.sh}).
     * A record names a pseudonym at most once in the index, so the join adds no duplicates.
     */
    record Selection(String from, String where, List<String> args) {

        static Selection of(AuditQuery query) {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            List<String> args = new ArrayList<>();
            condition(where, args, "r.case_ref = ?", query.caseRef());
            condition(where, args, "r.party_id = ?", query.partyId());
            condition(where, args, "r.purpose = ?", query.purpose());
            condition(where, args, "r.outcome = ?", query.outcome());
            condition(where, args, "r.occurred_at >= ?", query.from() == null ? null : StoredTime.format(query.from()));
            condition(where, args, "r.occurred_at < ?", query.to() == null ? null : StoredTime.format(query.to()));
            condition(
                    where,
                    args,
                    "r.event_type = ?",
                    query.event() == null ? null : query.event().name());
            boolean bySubject = condition(where, args, "s.pseudonym = ?", query.subject());
            String from = bySubject ? SUBJECT_RECORDS : " FROM audit_record r";
            return new Selection(from, where.toString(), List.copyOf(args));
        }

        /** How many records match. */
        String count() {
            return "SELECT COUNT(*)" + from + where;
        }

        /** One page of them, newest first; its two last parameters are the offset and the page size. */
        String page() {
            return "SELECT " + prefixed("r.") + from + where
                    + " ORDER BY r.occurred_at DESC, r.node_id, r.seq DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        }

        /** Binds the filter's values; returns the index of the next parameter. */
        int bind(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < args.size(); i++) {
                statement.setString(i + 1, args.get(i));
            }
            return args.size() + 1;
        }

        private static boolean condition(StringBuilder where, List<String> args, String sql, String value) {
            if (value == null || value.isBlank()) {
                return false;
            }
            where.append(" AND ").append(sql);
            args.add(value);
            return true;
        }
    }

    /** Every record about one pseudonymised subject, oldest first. */
    public List<AuditRecord> bySubject(String pseudonym) throws SQLException {
        List<AuditRecord> records = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + prefixed("r.") + SUBJECT_RECORDS
                        + " WHERE s.pseudonym = ? ORDER BY r.occurred_at, r.node_id, r.seq")) {
            s.setString(1, pseudonym);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    records.add(read(rs));
                }
            }
        }
        return records;
    }

    /** Every record of one case reference with one of {@code events}, oldest first. */
    public List<AuditRecord> byCase(String caseRef, Set<AuditEvent> events) throws SQLException {
        List<AuditRecord> records = new ArrayList<>();
        String placeholders = String.join(", ", Collections.nCopies(events.size(), "?"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_record WHERE case_ref = ?"
                        + " AND event_type IN (" + placeholders + ") ORDER BY occurred_at, node_id, seq")) {
            s.setString(1, caseRef);
            int i = 2;
            for (AuditEvent event : events) {
                s.setString(i++, event.name());
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    records.add(read(rs));
                }
            }
        }
        return records;
    }

    /** Records in a time window [from, to), oldest first, streamed. */
    public void forEachBetween(String from, String to, Consumer<AuditRecord> consumer) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_record WHERE occurred_at"
                        + " >= ? AND occurred_at < ? ORDER BY occurred_at, node_id, seq")) {
            s.setFetchSize(1000);
            s.setString(1, from);
            s.setString(2, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(read(rs));
                }
            }
        }
    }

    private static String prefixed(String prefix) {
        return prefix + COLUMNS.replace(", ", ", " + prefix).replace(",  ", ", ");
    }

    private static AuditRecord read(ResultSet rs) throws SQLException {
        AuditEntry entry = new AuditEntry(
                AuditEvent.valueOf(rs.getString("event_type")),
                rs.getString("transaction_id"),
                rs.getString("requester_oin"),
                rs.getString("user_ref"),
                rs.getString("party_id"),
                rs.getString("party_oin"),
                rs.getString("purpose"),
                rs.getString("legal_basis"),
                rs.getString("phase"),
                rs.getString("case_ref"),
                list(rs.getString("subjects")),
                list(rs.getString("categories_asked")),
                list(rs.getString("categories_released")),
                list(rs.getString("fields_removed")),
                rs.getString("outcome"),
                rs.getString("ground"),
                rs.getString("motivation"),
                rs.getString("config_version"));
        return new AuditRecord(
                rs.getString("node_id"),
                rs.getLong("seq"),
                rs.getString("record_id"),
                rs.getString("trace_id"),
                rs.getString("span_id"),
                rs.getString("occurred_at"),
                entry,
                rs.getString("prev_hash"),
                rs.getString("hash"),
                rs.getInt("hash_format"));
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            // A damaged column must show up in verification, not crash the reader.
            return List.of("<unreadable>");
        }
    }
}
