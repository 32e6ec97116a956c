package nl.wams.gateway.audit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work that must be committed together with audit records, or not at all: a stored result whose
 * release the records state, say. It runs in the audit writer's transaction, on its connection.
 */
@FunctionalInterface
public interface InTransaction {

    void run(Connection connection) throws SQLException;

    /** Both, in order, in the same transaction. */
    default InTransaction andThen(InTransaction next) {
        return connection -> {
            run(connection);
            next.run(connection);
        };
    }

    /**
     * Thrown by the work when there turns out to be nothing to do (another replica did it first):
     * the transaction is rolled back, no record is written, and {@link AuditLog#append} throws it
     * back to the caller instead of reporting the log as unavailable.
     */
    final class Withdrawn extends RuntimeException {
        public Withdrawn(String reason) {
            super(reason, null, false, false);
        }
    }
}
