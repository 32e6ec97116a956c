package nl.wams.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import nl.wams.gateway.storage.StoredTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 3161 timestamps of this node's signed checkpoints (docs/audit.md, "Trusted time"): each
 * checkpoint gets a token from the configured TSA; one that cannot get one now keeps waiting and
 * is stamped in a later round, oldest first, never skipped. How many wait and since when is what
 * the metrics show. Stamping is off the write path: records are durable without it.
 */
public final class CheckpointTimestamps {

    private static final Logger log = LoggerFactory.getLogger(CheckpointTimestamps.class);
    /** Checkpoints stamped at most per round. */
    static final int BATCH = 200;

    private final DataSource dataSource;
    private final TimestampAuthority tsa;
    private final String nodeId;
    private final Clock clock;
    private volatile boolean failing;

    public CheckpointTimestamps(DataSource dataSource, TimestampAuthority tsa, String nodeId, Clock clock) {
        this.dataSource = dataSource;
        this.tsa = tsa;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /** One kept token. */
    public record Stamp(String nodeId, long seq, byte[] token, String provenTime) {}

    /**
     * Stamps this node's waiting checkpoints, oldest first, until one fails (then the rest wait for
     * the next round). Returns how many were stamped.
     */
    public int catchUp() throws SQLException {
        int stamped = 0;
        for (AuditStore.StoredCheckpoint checkpoint : waiting(BATCH)) {
            TimestampAuthority.Stamped result = tsa.stamp(TimestampAuthority.bytes(checkpoint.jws()));
            if (result instanceof TimestampAuthority.Stamped.Failed failed) {
                if (!failing) {
                    log.warn("checkpoints wait for a timestamp: {}", failed.reason());
                    failing = true;
                }
                return stamped;
            }
            TimestampAuthority.Stamped.Token token = (TimestampAuthority.Stamped.Token) result;
            insert(checkpoint, token);
            stamped++;
        }
        if (failing && stamped > 0) {
            log.info("checkpoint timestamps caught up");
        }
        failing = false;
        return stamped;
    }

    private void insert(AuditStore.StoredCheckpoint checkpoint, TimestampAuthority.Stamped.Token token)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO audit_timestamp (node_id, seq, token, proven_time, stamped_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, checkpoint.nodeId());
            insert.setLong(2, checkpoint.seq());
            insert.setString(3, Base64.getEncoder().encodeToString(token.der()));
            insert.setString(4, StoredTime.format(token.time()));
            insert.setString(5, StoredTime.format(clock.instant()));
            insert.executeUpdate();
        }
    }

    /** This node's checkpoints without a token, oldest first. */
    List<AuditStore.StoredCheckpoint> waiting(int limit) throws SQLException {
        List<AuditStore.StoredCheckpoint> waiting = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT c.node_id, c.seq, c.hash, c.created_at, c.jws"
                        + " FROM audit_checkpoint c LEFT JOIN audit_timestamp t ON t.node_id = c.node_id AND t.seq = c.seq"
                        + " WHERE c.node_id = ? AND t.seq IS NULL ORDER BY c.seq LIMIT " + limit)) {
            select.setString(1, nodeId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    waiting.add(new AuditStore.StoredCheckpoint(
                            rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return waiting;
    }

    /** How far behind: this node's checkpoints waiting for a token, and how long the oldest has waited. */
    public record Backlog(long checkpoints, Duration oldest) {}

    public Backlog backlog() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT COUNT(*), MIN(c.created_at)"
                        + " FROM audit_checkpoint c LEFT JOIN audit_timestamp t ON t.node_id = c.node_id AND t.seq = c.seq"
                        + " WHERE c.node_id = ? AND t.seq IS NULL")) {
            select.setString(1, nodeId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                String oldest = rs.getString(2);
                return new Backlog(
                        rs.getLong(1),
                        oldest == null ? Duration.ZERO : Duration.between(StoredTime.parse(oldest), clock.instant()));
            }
        }
    }

    /** Every kept token of a node, by checkpoint sequence number. */
    public static Map<Long, Stamp> of(DataSource dataSource, String nodeId) throws SQLException {
        Map<Long, Stamp> stamps = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT seq, token, proven_time FROM audit_timestamp WHERE node_id = ?")) {
            select.setString(1, nodeId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stamps.put(
                            rs.getLong(1),
                            new Stamp(
                                    nodeId,
                                    rs.getLong(1),
                                    Base64.getDecoder().decode(rs.getString(2)),
                                    rs.getString(3)));
                }
            }
        }
        return stamps;
    }
}
