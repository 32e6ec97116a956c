package nl.wams.gateway.federation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import nl.wams.gateway.storage.DataCipher;

/** Pending and decided reviews in the shared database (provider role). */
public final class ReviewStore {

    /** One review as stored. JSON columns stay text here; the service reads them. */
    public record Review(
            String id,
            String requesterOin,
            String purpose,
            String legalBasis,
            String phase,
            String trigger,
            String caseRef,
            String motivation,
            String categories,
            String subjects,
            String requestJws,
            ReviewStatus status,
            String createdAt,
            String deadline,
            String decidedAt,
            String reviewer,
            String answerJws,
            String transactionId) {

        @Override
        public String toString() {
            return "Review[id=" + id + ", status=" + status + "]";
        }
    }

    private static final String COLUMNS = "id, requester_oin, purpose, legal_basis, phase, trigger_kind, case_ref,"
            + " motivation, categories, subjects, request_jws, status, created_at, deadline, decided_at, reviewer,"
            + " answer_jws, transaction_id";

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
            String[] values = {
                r.id(),
                r.requesterOin(),
                r.purpose(),
                r.legalBasis(),
                r.phase(),
                r.trigger(),
                r.caseRef(),
                r.motivation(),
                r.categories(),
                seal(r.subjects(), r.id(), "subjects"),
                seal(r.requestJws(), r.id(), "request"),
                r.status().name(),
                r.createdAt(),
                r.deadline(),
                r.decidedAt(),
                r.reviewer(),
                seal(r.answerJws(), r.id(), "answer"),
                r.transactionId()
            };
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
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

    /** Open reviews whose deadline has passed. */
    public List<Review> expired(String now) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM review WHERE status = 'OPEN' AND deadline < ?", now);
    }

    /** Records the decision if the review is still open; false when someone decided first. */
    public boolean decide(String id, ReviewStatus status, String decidedAt, String reviewer, String answerJws)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE review SET status = ?, decided_at = ?, reviewer = ?,"
                        + " answer_jws = ? WHERE id = ? AND status = 'OPEN'")) {
            s.setString(1, status.name());
            s.setString(2, decidedAt);
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
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            open(rs.getString(10), id, "subjects"),
                            open(rs.getString(11), id, "request"),
                            ReviewStatus.valueOf(rs.getString(12)),
                            rs.getString(13),
                            rs.getString(14),
                            rs.getString(15),
                            rs.getString(16),
                            open(rs.getString(17), id, "answer"),
                            rs.getString(18)));
                }
            }
        }
        return reviews;
    }
}
