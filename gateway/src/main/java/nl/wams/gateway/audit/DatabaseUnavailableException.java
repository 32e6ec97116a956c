package nl.wams.gateway.audit;

import java.sql.SQLException;

/**
 * The audit database could not be opened in time. Its message is one line for an operator: where,
 * how long was waited, and the driver's reason reduced to its SQL state and class (a driver message
 * can quote data, so it is never passed on).
 */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message) {
        super(message, null, false, false);
    }

    /** A reason that names no data: the SQL state and the kind of failure. */
    static String reason(SQLException e) {
        if (e == null) {
            return "no connection";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String state = e.getSQLState() == null ? "" : "SQL state " + e.getSQLState() + ", ";
        String hint = "";
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && "90020".equals(sql.getSQLState())) {
                hint = " (the database file is locked: another process has it open)";
            }
        }
        return state + root.getClass().getSimpleName() + hint;
    }
}
