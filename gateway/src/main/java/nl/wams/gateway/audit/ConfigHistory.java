package nl.wams.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.storage.StoredTime;

/**
 * Every configuration that was ever active, as text, and each activation: which node, when, who
 * loaded it. Kept in the audit database, next to the records that name the versions.
 */
public final class ConfigHistory {

    private final DataSource dataSource;

    public ConfigHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored version: its texts hash to {@code version} ({@link LoadedConfig#version(String, String)}). */
    public record StoredVersion(
            String version, String fileName, String configText, String catalogueText, Instant firstActive) {

        /** True when the stored texts still hash to the version they are stored under. */
        public boolean intact() {
            return LoadedConfig.version(configText, catalogueText).equals(version);
        }
    }

    /** One activation of a version on a node. */
    public record Activation(String nodeId, long seq, Instant at, String version, String loadedBy) {}

    /**
     * Records that {@code node} now runs {@code config}, durably, in one transaction: the version's
     * texts (once per version, whichever node is first) and the activation.
     */
    public void activated(LoadedConfig config, String node, Instant at, String loadedBy) throws SQLException {
        String version = config.version();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO config_version"
                        + " (version, file_name, config_text, catalogue_text, first_active)"
                        + " SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM config_version WHERE version = ?)")) {
                    insert.setString(1, version);
                    insert.setString(2, String.valueOf(config.file().getFileName()));
                    insert.setString(3, config.text());
                    insert.setString(4, config.catalogueText());
                    insert.setString(5, StoredTime.format(at));
                    insert.setString(6, version);
                    insert.executeUpdate();
                }
                long seq;
                try (PreparedStatement max =
                        c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM config_activation WHERE node_id = ?")) {
                    max.setString(1, node);
                    try (ResultSet rs = max.executeQuery()) {
                        rs.next();
                        seq = rs.getLong(1) + 1;
                    }
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO config_activation"
                        + " (node_id, activated_at, seq, version, loaded_by) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setString(1, node);
                    insert.setString(2, StoredTime.format(at));
                    insert.setLong(3, seq);
                    insert.setString(4, version);
                    insert.setString(5, loadedBy);
                    insert.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Every activation, oldest first. */
    public List<Activation> activations() throws SQLException {
        List<Activation> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT node_id, seq, activated_at, version, loaded_by"
                        + " FROM config_activation ORDER BY activated_at, node_id, seq");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                all.add(new Activation(
                        rs.getString(1),
                        rs.getLong(2),
                        StoredTime.parse(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5)));
            }
        }
        return all;
    }

    /** A stored version, with its texts. */
    public Optional<StoredVersion> version(String version) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT version, file_name, config_text, catalogue_text,"
                        + " first_active FROM config_version WHERE version = ?")) {
            s.setString(1, version);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredVersion(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        StoredTime.parse(rs.getString(5))));
            }
        }
    }
}
