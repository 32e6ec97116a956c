package nl.wams.gateway.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.support.TestFiles;
import nl.wams.gateway.support.TestPostgres;

/**
 * A load driver's database, migrated: the embedded H2 file in a folder of its own (the gateway's
 * own URL), or a real PostgreSQL. Closing it closes the pool and the server and deletes the
 * folder (an H2 file of a long run holds gigabytes).
 */
final class BenchDatabase implements AutoCloseable {

    private final Path folder;
    private final TestPostgres postgres;
    private final HikariDataSource pool = new HikariDataSource();

    private BenchDatabase(Path folder, TestPostgres postgres) {
        this.folder = folder;
        this.postgres = postgres;
    }

    /**
     * Opens and migrates H2 (when {@code h2}) or PostgreSQL; {@code postgresOptions} is appended
     * to PostgreSQL's JDBC URL (e.g. {@code ?reWriteBatchedInserts=true}), empty for none.
     */
    static BenchDatabase open(String name, boolean h2, String postgresOptions) throws Exception {
        BenchDatabase db = new BenchDatabase(Files.createTempDirectory(name), h2 ? null : TestPostgres.start());
        try {
            if (h2) {
                db.pool.setJdbcUrl(AuditSetup.h2Url(db.folder, false));
            } else {
                db.pool.setJdbcUrl(db.postgres.jdbcUrl() + postgresOptions);
                db.pool.setUsername("postgres");
                db.pool.setPassword("postgres");
            }
            AuditSetup.migrate(db.pool);
            return db;
        } catch (Exception e) {
            db.close();
            throw e;
        }
    }

    HikariDataSource pool() {
        return pool;
    }

    boolean h2() {
        return postgres == null;
    }

    /** How the reports name the database. */
    String name() {
        return h2() ? "H2" : "PostgreSQL";
    }

    /** The folder of the H2 file. */
    Path folder() {
        return folder;
    }

    @Override
    public void close() throws Exception {
        try {
            pool.close();
            if (postgres != null) {
                postgres.close();
            }
        } finally {
            TestFiles.deleteTree(folder);
        }
    }
}
