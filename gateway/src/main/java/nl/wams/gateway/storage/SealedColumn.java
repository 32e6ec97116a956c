package nl.wams.gateway.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * A column that holds values sealed with the data key, with what the store binds each value to
 * (its associated data, made from the row's key columns). Each store declares its own, next to
 * the code that seals them; {@code audit rekey} walks them all.
 *
 * @param keyColumns the row's primary key columns, in the order {@code row} receives them
 * @param row the associated data of a row, from its key column values (as the store seals it)
 */
public record SealedColumn(String table, String column, List<String> keyColumns, RowBinding row) {

    /** The associated data a store binds a value to, from the row's key values. */
    @FunctionalInterface
    public interface RowBinding {
        String of(List<String> keys);
    }

    /** One key column, the associated data a prefix and that key. */
    public static SealedColumn of(String table, String column, String keyColumn, UnaryOperator<String> row) {
        return new SealedColumn(table, column, List.of(keyColumn), keys -> row.apply(keys.get(0)));
    }

    /** What a re-sealing did: values re-sealed, and values left that no configured key opens. */
    public record Rekeyed(SealedColumn column, int resealed, int unreadable) {}

    /**
     * Re-seals every value of this column not sealed with the current key; each row is updated only
     * if its value is still what was read (a concurrent change is left to its writer, who seals with
     * the current key anyway). A value no configured key opens is counted, never changed.
     */
    public Rekeyed rekey(DataSource dataSource, DataCipher cipher) throws SQLException {
        String keys = String.join(", ", keyColumns);
        String where =
                String.join(" AND ", keyColumns.stream().map(k -> k + " = ?").toList());
        int resealed = 0;
        int unreadable = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT " + keys + ", " + column + " FROM " + table + " WHERE " + column + " IS NOT NULL");
                PreparedStatement update = c.prepareStatement(
                        "UPDATE " + table + " SET " + column + " = ? WHERE " + where + " AND " + column + " = ?")) {
            List<String[]> due = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String value = rs.getString(keyColumns.size() + 1);
                    if (!cipher.current(value)) {
                        String[] row = new String[keyColumns.size() + 1];
                        for (int i = 0; i < keyColumns.size(); i++) {
                            row[i] = rs.getString(i + 1);
                        }
                        row[keyColumns.size()] = value;
                        due.add(row);
                    }
                }
            }
            for (String[] row : due) {
                List<String> keyValues = List.of(row).subList(0, keyColumns.size());
                String value = row[keyColumns.size()];
                String resealedValue;
                try {
                    resealedValue = cipher.reseal(value, this.row.of(keyValues));
                } catch (IllegalStateException e) {
                    unreadable++;
                    continue;
                }
                update.setString(1, resealedValue);
                for (int i = 0; i < keyValues.size(); i++) {
                    update.setString(i + 2, keyValues.get(i));
                }
                update.setString(keyValues.size() + 2, value);
                resealed += update.executeUpdate();
            }
        }
        return new Rekeyed(this, resealed, unreadable);
    }

    /** How many values of this column are sealed with another key than the current one. */
    public int notCurrent(DataSource dataSource, DataCipher cipher) throws SQLException {
        int count = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT " + column + " FROM " + table + " WHERE " + column + " IS NOT NULL");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                if (!cipher.current(rs.getString(1))) {
                    count++;
                }
            }
        }
        return count;
    }
}
