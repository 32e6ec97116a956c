package nl.wams.gateway.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The plan H2 or PostgreSQL chooses for a statement, for tests that ask whether an index serves it. */
public final class QueryPlans {

    /**
     * How H2 names the index of a primary key on a text column in a plan (its own name, not the
     * constraint's): {@code PRIMARY_KEY_} and a suffix.
     */
    public static final String H2_PRIMARY_KEY = "primary_key_";

    private QueryPlans() {}

    /** {@code EXPLAIN} of {@code statement} with its parameters bound in order, lower case, lines joined. */
    public static String explain(Connection connection, String statement, Object... parameters) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (var explain = connection.prepareStatement("EXPLAIN " + statement)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (var rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString().toLowerCase(Locale.ROOT);
    }
}
