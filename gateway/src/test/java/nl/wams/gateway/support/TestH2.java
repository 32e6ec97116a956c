package nl.wams.gateway.support;

import java.util.UUID;
import nl.wams.gateway.audit.AuditSetup;
import org.h2.jdbcx.JdbcDataSource;

/** In-memory H2 databases with the gateway's schema, for store tests. */
public final class TestH2 {

    private TestH2() {}

    /** A fresh in-memory database named after {@code purpose}, migrated, kept until the JVM ends. */
    public static JdbcDataSource migrated(String purpose) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + purpose + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        AuditSetup.migrate(h2);
        return h2;
    }
}
