package nl.wams.gateway.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.peer.PeerRequest;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.SealedColumn;
import nl.wams.gateway.storage.StoredTime;

/** Pending and decided reviews in the shared database (provider role). */
public final class ReviewStore {

    /** What this store seals, and how each value is bound to its row ({@code audit rekey}). */
    public static final List<SealedColumn> SEALED = List.of(
            SealedColumn.of("review", "subjects", "id", id -> id + "/subjects"),
            SealedColumn.of("review", "request_jws", "id", id -> id + "/request"),
            SealedColumn.of("review", "answer_jws", "id", id -> id + "/answer"));

    /**
     * One review, read once at the store boundary: the asked categories and the subjects as lists,
     * times as instants, the trigger and status as enums.
     *
     * @param trigger null when the request did not name one
     */
    public record Review(
            String id,
            String requesterOin,
            String purpose,
            String legalBasis,
            String phase,
            DataRequest.Trigger trigger,
            String caseRef,
            String motivation,
            List<String> categories,
            List<AdapterRequest.Subject> subjects,
            String requestJws,
            ReviewStatus status,
            Instant createdAt,
            Instant deadline,
            Instant decidedAt,
            String reviewer,
            String answerJws,
            String transactionId) {

        public Review {
            categories = List.copyOf(categories);
            subjects = List.copyOf(subjects);
        }

        @Override
        public String toString() {
            return "Review[id=" + id + ", status=" + status + "]";
        }
    }

    private static final String COLUMNS = "id, requester_oin, purpose, legal_basis, phase, trigger_kind, case_ref,"
            + " motivation, categories, subjects, request_jws, status, created_at, deadline, decided_at, reviewer,"
            + " answer_jws, transaction_id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final DataCipher cipher;

    /** Subjects (BSNs), the signed request (BSNs in its payload) and the answer (released data) are stored sealed. */
    public ReviewStore(DataSource dataSource, DataCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    private String seal(String value, String id, String column) {
        return value == null ? null : cipher.seal(value, id + "/" + column);
    }

    private String open(String value, String id, String column) {
        return value == null ? null : cipher.open(value, id + "/" + column);
    }

    public void create(Review r) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO review (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int column = 0;
            s.setString(++column, r.id());
            s.setString(++column, r.requesterOin());
            s.setString(++column, r.purpose());
            s.setString(++column, r.legalBasis());
            s.setString(++column, r.phase());
            s.setString(++column, r.trigger() == null ? null : r.trigger().name());
            s.setString(++column, r.caseRef());
            s.setString(++column, r.motivation());
            s.setString(++column, categoriesText(r.categories()));
            s.setString(++column, seal(PeerRequest.subjectsText(r.subjects()), r.id(), "subjects"));
            s.setString(++column, seal(r.requestJws(), r.id(), "request"));
            s.setString(++column, r.status().name());
            s.setString(++column, time(r.createdAt()));
            s.setString(++column, time(r.deadline()));
            s.setString(++column, time(r.decidedAt()));
            s.setString(++column, r.reviewer());
            s.setString(++column, seal(r.answerJws(), r.id(), "answer"));
            s.setString(++column, r.transactionId());
            s.executeUpdate();
        }
    }

    public Optional<Review> get(String id) throws SQLException {
        List<Review> found = query("SELECT " + COLUMNS + " FROM review WHERE id = ?", id);
        return found.stream().findFirst();
    }

    /** Open reviews, oldest first. */
    public List<Review> open(int page, int pageSize) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM review WHERE status = 'OPEN' ORDER BY created_at, id" + " OFFSET "
                + ((long) (page - 1) * pageSize) + " ROWS FETCH NEXT " + pageSize + " ROWS ONLY");
    }

    /** How many reviews wait for a professional, and since when the oldest waits (for metrics: no content). */
    public record Backlog(long open, Optional<Instant> oldest) {}

    public Backlog backlog() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT COUNT(*), MIN(created_at) FROM review WHERE status = 'OPEN'");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            String oldest = rs.getString(2);
            return new Backlog(rs.getLong(1), Optional.ofNullable(oldest).map(StoredTime::parse));
        }
    }

    /** Open reviews whose deadline has passed. */
    public List<Review> expired(Instant now) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM review WHERE status = 'OPEN' AND deadline < ?", time(now));
    }

    /** Records the decision if the review is still open; false when someone decided first. */
    public boolean decide(String id, ReviewStatus status, Instant decidedAt, String reviewer, String answerJws)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE review SET status = ?, decided_at = ?, reviewer = ?,"
                        + " answer_jws = ? WHERE id = ? AND status = 'OPEN'")) {
            s.setString(1, status.name());
            s.setString(2, time(decidedAt));
            s.setString(3, reviewer);
            s.setString(4, seal(answerJws, id, "answer"));
            s.setString(5, id);
            return s.executeUpdate() == 1;
        }
    }

    private List<Review> query(String sql, String... args) throws SQLException {
        List<Review> reviews = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    reviews.add(new Review(
                            id,
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6) == null ? null : DataRequest.Trigger.valueOf(rs.getString(6)),
                            rs.getString(7),
                            rs.getString(8),
                            categories(rs.getString(9)),
                            PeerRequest.subjects(open(rs.getString(10), id, "subjects")),
                            open(rs.getString(11), id, "request"),
                            ReviewStatus.valueOf(rs.getString(12)),
                            instant(rs.getString(13)),
                            instant(rs.getString(14)),
                            instant(rs.getString(15)),
                            rs.getString(16),
                            open(rs.getString(17), id, "answer"),
                            rs.getString(18)));
                }
            }
        }
        return reviews;
    }

    private static String time(Instant instant) {
        return instant == null ? null : StoredTime.format(instant);
    }

    private static Instant instant(String stored) {
        return stored == null ? null : StoredTime.parse(stored);
    }

    private static String categoriesText(List<String> categories) {
        return JSON.valueToTree(categories).toString();
    }

    private static List<String> categories(String stored) throws SQLException {
        try {
            List<String> categories = new ArrayList<>();
            JSON.readTree(stored).forEach(c -> categories.add(c.asText()));
            return categories;
        } catch (JsonProcessingException e) {
            throw new SQLException("stored review categories are unreadable");
        }
    }
}
