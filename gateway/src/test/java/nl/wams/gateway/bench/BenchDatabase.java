package nl.wams.gateway.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.support.TestPostgres;

/** Where a load driver's pool connects: the embedded H2 file under a folder (the gateway's own URL), or a real PostgreSQL. */
final class BenchDatabase {

    private BenchDatabase() {}

    /** Points {@code pool} at PostgreSQL when {@code postgres} is given, else at the H2 file under {@code folder}. */
    static void connect(HikariDataSource pool, Path folder, TestPostgres postgres) {
        if (postgres == null) {
            pool.setJdbcUrl(AuditSetup.h2Url(folder, false));
        } else {
            pool.setJdbcUrl(postgres.jdbcUrl());
            pool.setUsername("postgres");
            pool.setPassword("postgres");
        }
    }
}
