package nl.wams.gateway.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Deletes the rows of a table whose term has passed, for a background job: oldest first, at most
 * {@code batch} rows per transaction of its own, until none is left, so that a backlog (after a
 * stop, say) becomes many short transactions instead of one that holds up everything else. The
 * statement reads only expired rows when the term column has an index.
 *
 * @param table the table
 * @param key its primary key (one column)
 * @param term the column with the moment after which a row goes (a {@link StoredTime} text)
 * @param batch how many rows one transaction deletes at most
 */
public record ExpiredRows(String table, String key, String term, int batch) {

    /** One batch: the oldest {@code batch} rows whose term is before the parameter. */
    public String statement() {
        return "DELETE FROM " + table + " WHERE " + key + " IN (SELECT " + key + " FROM " + table + " WHERE " + term
                + " < ? ORDER BY " + term + " FETCH FIRST " + batch + " ROWS ONLY)";
    }

    /** Deletes every row whose term is before {@code now}, batch by batch; returns how many. */
    public int delete(DataSource dataSource, Instant now) throws SQLException {
        String before = StoredTime.format(now);
        int deleted = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement(statement())) {
            c.setAutoCommit(true);
            int count;
            do {
                delete.setString(1, before);
                count = delete.executeUpdate();
                deleted += count;
            } while (count == batch);
        }
        return deleted;
    }
}
