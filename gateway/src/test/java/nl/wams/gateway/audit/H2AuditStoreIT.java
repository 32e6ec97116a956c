package nl.wams.gateway.audit;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The store contract on H2, the embedded default. */
class H2AuditStoreIT extends AuditStoreContract {

    static final JdbcDataSource H2 = new JdbcDataSource();

    static {
        H2.setURL("jdbc:h2:mem:audit-contract;DB_CLOSE_DELAY=-1");
        H2.setUser("sa");
    }

    @Override
    DataSource dataSource() {
        return H2;
    }
}
