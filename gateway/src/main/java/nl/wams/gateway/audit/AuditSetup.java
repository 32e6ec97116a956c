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
import java.text.ParseException;
import java.util.Base64;
import javax.sql.DataSource;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.storage.DataCipher;
import org.flywaydb.core.Flyway;

/**
 * Builds the audit log's parts from a configuration: the database (H2 file under the data
 * directory, or PostgreSQL) migrated by Flyway, the pseudonym key, the checkpoint key and the node
 * id. Shared by the running gateway and the {@code audit} commands.
 */
public final class AuditSetup {

    private AuditSetup() {}

    /** A pooled, migrated data source. Connection waits are short: a dead database means 503, fast. */
    public static HikariDataSource dataSource(LoadedConfig config) {
        GatewayConfig.Audit audit = config.gateway().audit();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("wams-audit");
        hikari.setMaximumPoolSize(8);
        hikari.setConnectionTimeout(2_000);
        hikari.setValidationTimeout(1_000);
        hikari.setInitializationFailTimeout(-1); // start even when the database is down; appends then fail closed
        if (audit.database() != null) {
            hikari.setJdbcUrl(audit.database().url());
            hikari.setUsername(audit.database().user());
            hikari.setPassword(password(audit.database()));
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        } else {
            Path dir = config.resolve(audit.dataDir());
            hikari.setJdbcUrl("jdbc:h2:file:" + dir.resolve("audit").toAbsolutePath() + ";AUTO_SERVER=TRUE");
            hikari.setUsername("sa");
            hikari.setPassword("");
        }
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            migrate(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
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
        return new DataCipher(key(config, audit.dataKeyFile(), audit.dataKeyEnv(), "data key"));
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
