package nl.wams.gateway.audit;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import javax.sql.DataSource;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.H2ServerAddress;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the audit log's parts from a configuration: the database (H2 file under the data
 * directory, or PostgreSQL) migrated by Flyway, the pseudonym key, the checkpoint key and the node
 * id. Shared by the running gateway and the {@code audit} commands.
 */
public final class AuditSetup {

    private static final Logger LOG = LoggerFactory.getLogger(AuditSetup.class);

    private AuditSetup() {}

    /** H2's error code for a database file that another process holds open. */
    static final int H2_IN_USE = 90020;

    /** Who opens the database: the running gateway waits for it; a command refuses at once when it is in use. */
    public enum Opener {
        GATEWAY,
        COMMAND
    }

    /** The configured TSA's certificate, or null without {@code audit.timestamping}. */
    public static java.security.cert.X509Certificate tsaCertificate(LoadedConfig config) {
        var timestamping = config.gateway().audit().timestamping();
        if (timestamping == null) {
            return null;
        }
        try {
            return TimestampAuthority.certificate(config.resolve(timestamping.certificate()));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TSA certificate not readable", e);
        }
    }

    /**
     * A pooled, migrated data source. Waits for the database to open for at most
     * {@code audit.database-wait} (a slow disk, a lock left by a crashed process, PostgreSQL still
     * starting); after that, {@link DatabaseUnavailableException} with one line that says why.
     * Connection waits while running are short: a dead database means 503, fast.
     *
     * <p>The embedded H2 database commits with {@code WRITE_DELAY=0}: a commit is written to the file
     * before it returns, so what the gateway reports as committed survives the death of its process
     * (H2 does not force the file to the disk; for power loss use PostgreSQL, see docs/audit.md). That
     * setting also stops H2's own housekeeping: the running gateway compacts the file itself
     * ({@code H2Compaction}).
     */
    public static HikariDataSource dataSource(LoadedConfig config) {
        return dataSource(config, Opener.GATEWAY);
    }

    /**
     * As {@link #dataSource(LoadedConfig)}; for a {@link Opener#COMMAND} on an embedded H2 file that a
     * running gateway holds (without {@code audit.local-server}), {@link DatabaseUnavailableException}
     * at once with one line that says what to do instead.
     */
    public static HikariDataSource dataSource(LoadedConfig config, Opener opener) {
        GatewayConfig.Audit audit = config.gateway().audit();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("wams-audit");
        hikari.setMaximumPoolSize(8);
        hikari.setConnectionTimeout(2_000);
        hikari.setValidationTimeout(1_000);
        hikari.setInitializationFailTimeout(-1); // the wait below is ours, with its own bound and message
        String where;
        if (audit.database() != null) {
            hikari.setJdbcUrl(audit.database().url());
            hikari.setUsername(audit.database().user());
            hikari.setPassword(password(audit.database()));
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
            where = "PostgreSQL " + audit.database().url().replaceAll("\\?.*", "");
        } else {
            H2ServerAddress.loopbackOnly();
            Path dir = config.resolve(audit.dataDir());
            hikari.setJdbcUrl(h2Url(dir, audit.localServer()));
            hikari.setUsername("sa");
            hikari.setPassword("");
            where = "H2 " + dir.resolve("audit").toAbsolutePath();
        }
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            awaitDatabase(
                    dataSource, audit.databaseWait(), where, opener == Opener.COMMAND && audit.database() == null);
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    /**
     * The JDBC URL of the embedded database under {@code dir}. Only with {@code localServer} does H2
     * open a TCP server (its auto-server mode, on loopback: {@link H2ServerAddress}), so
     * that the audit commands can read the file while the gateway runs; without it the process
     * listens on nothing but its configured listeners.
     */
    public static String h2Url(Path dir, boolean localServer) {
        return "jdbc:h2:file:" + dir.resolve("audit").toAbsolutePath() + (localServer ? ";AUTO_SERVER=TRUE" : "")
                + ";WRITE_DELAY=0";
    }

    /**
     * Polls for a first connection until {@code wait} has passed. With {@code refuseWhenInUse}, an
     * H2 file held by another process ends the wait at once (a crashed process's stale lock is
     * not "in use": H2 takes it over after a moment).
     */
    static void awaitDatabase(DataSource dataSource, Duration wait, String where, boolean refuseWhenInUse) {
        long deadline = System.nanoTime() + wait.toNanos();
        SQLException last = null;
        boolean told = false;
        while (true) {
            try (Connection ignored = dataSource.getConnection()) {
                return;
            } catch (SQLException e) {
                last = e;
                if (refuseWhenInUse && inUse(e)) {
                    throw new DatabaseUnavailableException("audit database " + where + " is in use by a running"
                            + " gateway: stop it first, or ask it through the auditor API (GET /api/v1/verwerkingen,"
                            + " GET /api/v1/verwerkingen/verificatie, POST /api/v1/inzageverzoeken), or set"
                            + " audit.local-server: true");
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new DatabaseUnavailableException("audit database " + where + " did not open within "
                        + wait.toSeconds() + " s (audit.database-wait): " + DatabaseUnavailableException.reason(last));
            }
            if (!told) {
                LOG.info("waiting up to {} s for the audit database to open", wait.toSeconds());
                told = true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatabaseUnavailableException("interrupted while waiting for the audit database");
            }
        }
    }

    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_IN_USE) {
                return true;
            }
        }
        return false;
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/audit")
                .load()
                .migrate();
    }

    public static Pseudonyms pseudonyms(LoadedConfig config) {
        return new Pseudonyms(pseudonymKey(config));
    }

    static byte[] pseudonymKey(LoadedConfig config) {
        GatewayConfig.Audit audit = config.gateway().audit();
        return key(config, audit.pseudonymKeyFile(), audit.pseudonymKeyEnv(), "pseudonym key");
    }

    /** The cipher that seals personal data the gateway keeps for a while. */
    public static DataCipher dataCipher(LoadedConfig config) {
        GatewayConfig.Audit audit = config.gateway().audit();
        return new DataCipher(
                key(config, audit.dataKeyFile(), audit.dataKeyEnv(), "data key"),
                audit.previousDataKeyFiles().stream()
                        .map(file -> key(config, file, null, "previous data key"))
                        .toList());
    }

    private static byte[] key(LoadedConfig config, String file, String env, String what) {
        String encoded;
        if (env != null) {
            encoded = System.getenv(env);
            if (encoded == null) {
                throw new IllegalStateException("environment variable " + env + " is not set");
            }
        } else {
            try {
                encoded = Files.readString(config.resolve(file));
            } catch (IOException e) {
                throw new IllegalStateException(what + " not readable: " + file, e);
            }
        }
        return Base64.getDecoder().decode(encoded.strip());
    }

    /** Earlier checkpoint keys (public EC P-256 JWKs): checkpoints they signed keep verifying. */
    public static java.util.List<ECKey> previousSigningKeys(LoadedConfig config) {
        return config.gateway().audit().previousSigningKeyFiles().stream()
                .map(file -> {
                    Path path = config.resolve(file);
                    try {
                        return JWK.parse(Files.readString(path)).toECKey().toPublicJWK();
                    } catch (IOException | java.text.ParseException e) {
                        throw new IllegalStateException("previous signing key not readable: " + path, e);
                    }
                })
                .toList();
    }

    /** The checkpoint key: a private EC P-256 JWK. */
    public static ECKey signingKey(LoadedConfig config) {
        Path file = config.resolve(config.gateway().audit().signingKeyFile());
        try {
            ECKey key = JWK.parse(Files.readString(file)).toECKey();
            if (!Curve.P_256.equals(key.getCurve()) || !key.isPrivate()) {
                throw new IllegalStateException("audit signing key must be a private EC P-256 JWK: " + file);
            }
            return key;
        } catch (IOException | ParseException | ClassCastException e) {
            throw new IllegalStateException("audit signing key not readable: " + file, e);
        }
    }

    /** The configured node id, or the host name. */
    public static String nodeId(LoadedConfig config) {
        String configured = config.gateway().audit().nodeId();
        if (configured != null) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (UnknownHostException e) {
            return "node";
        }
    }

    private static String password(GatewayConfig.Database database) {
        if (database.passwordEnv() != null) {
            String value = System.getenv(database.passwordEnv());
            if (value == null) {
                throw new IllegalStateException("environment variable " + database.passwordEnv() + " is not set");
            }
            return value;
        }
        return database.password();
    }
}
