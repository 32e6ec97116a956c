package nl.wams.gateway.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Deletes the rows of a table whose term has passed, for a background job: oldest first, at most
 * {@code batch} rows per transaction of its own, until none is left, so that a backlog (after a
 * stop, say) becomes many short transactions instead of one that holds up everything else.
 *
 * <p>Each batch first reads the keys of the oldest expired rows through the index on the term
 * column ({@link #selection()}), then deletes those rows by their primary key ({@link #deletion()}),
 * in one transaction. The delete never reads the table it deletes from: H2 runs a sub-select on the
 * table a {@code DELETE} changes again for every row it deletes (the change makes its last result
 * stale), so {@code DELETE ... WHERE key IN (SELECT key ... FETCH FIRST n ROWS ONLY)} cost time in
 * the square of the batch there (1.0-1.4 s of CPU for a batch of 1,000 instead of 13-37 ms;
 * {@code bench/expiry.sh}, docs/performance.md, "Expiry").
 *
 * @param table the table
 * @param key its primary key (one text column)
 * @param term the column with the moment after which a row goes (a {@link StoredTime} text)
 * @param batch how many rows one transaction deletes at most
 */
public record ExpiredRows(String table, String key, String term, int batch) {

    /** The keys of the oldest {@code batch} rows whose term is before the parameter. */
    public String selection() {
        return "SELECT " + key + " FROM " + table + " WHERE " + term + " < ? ORDER BY " + term + " FETCH FIRST " + batch
                + " ROWS ONLY";
    }

    /** One row, by its primary key (the parameter); a batch of these deletes what {@link #selection()} found. */
    public String deletion() {
        return "DELETE FROM " + table + " WHERE " + key + " = ?";
    }

    /**
     * Deletes every row whose term is before {@code now}, batch by batch, each batch in a
     * transaction of its own; returns how many rows it deleted (a row another replica deleted
     * first is not counted).
     */
    public int delete(DataSource dataSource, Instant now) throws SQLException {
        String before = StoredTime.format(now);
        int deleted = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(selection());
                PreparedStatement delete = c.prepareStatement(deletion())) {
            c.setAutoCommit(false);
            try {
                List<String> keys;
                do {
                    keys = expiredKeys(select, before);
                    deleted += deleteRows(delete, keys);
                    c.commit();
                } while (keys.size() == batch);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
        return deleted;
    }

    private static List<String> expiredKeys(PreparedStatement select, String before) throws SQLException {
        select.setString(1, before);
        List<String> keys = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private static int deleteRows(PreparedStatement delete, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        for (String k : keys) {
            delete.setString(1, k);
            delete.addBatch();
        }
        int deleted = 0;
        for (int count : delete.executeBatch()) {
            // A driver may answer "done, count unknown" (SUCCESS_NO_INFO, -2) for a batched statement.
            deleted += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0);
        }
        return deleted;
    }
}
