package nl.wams.gateway.audit;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every node's chain and checkpoints: sequence without gaps, each record's hash over its
 * content, each record linked to the one before, and each checkpoint signed by the audit key and
 * matching the record it pins; and that every configuration version a record names is in the
 * configuration history with texts that still hash to it. Names the first bad record and what is
 * wrong with it.
 */
public final class AuditVerifier {

    private final AuditStore store;
    private final Checkpoints checkpoints;
    private final ConfigHistory history;
    private final X509Certificate tsa;

    public AuditVerifier(AuditStore store, Checkpoints checkpoints) {
        this(store, checkpoints, null);
    }

    /**
     * Also checks the checkpoints' RFC 3161 timestamps against {@code tsa}, the configured
     * time-stamping authority's certificate (null: timestamps are not checked).
     */
    public AuditVerifier(AuditStore store, Checkpoints checkpoints, X509Certificate tsa) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.history = new ConfigHistory(store.dataSource());
        this.tsa = tsa;
    }

    /** The time a TSA proves a checkpoint existed at. */
    public record ProvenTime(String nodeId, long seq, Instant time) {}

    /** One thing wrong, located. */
    public record Finding(String nodeId, long seq, String recordId, String problem) {
        @Override
        public String toString() {
            return "node " + nodeId + " seq " + seq + (recordId == null ? "" : " record " + recordId) + ": " + problem;
        }
    }

    /**
     * What was checked and what is wrong, first problem first; with a TSA, the proven time of each
     * timestamped checkpoint and how many checkpoints have no timestamp yet.
     */
    public record Report(
            int nodes,
            long records,
            int checkpoints,
            List<Finding> findings,
            List<ProvenTime> provenTimes,
            long untimestamped) {
        public Report(int nodes, long records, int checkpoints, List<Finding> findings) {
            this(nodes, records, checkpoints, findings, List.of(), 0);
        }

        public boolean intact() {
            return findings.isEmpty();
        }

        public Optional<Finding> first() {
            return findings.stream().findFirst();
        }
    }

    public Report verify() throws SQLException {
        List<Finding> findings = new ArrayList<>();
        long records = 0;
        int checkpointCount = 0;
        List<String> nodes = store.nodes();
        Map<String, AuditRecord> firstNaming = new LinkedHashMap<>();
        List<ProvenTime> proven = new ArrayList<>();
        long untimestamped = 0;
        for (String node : nodes) {
            List<AuditStore.StoredCheckpoint> nodeCheckpoints = store.checkpoints(node);
            checkpointCount += nodeCheckpoints.size();
            if (tsa != null) {
                untimestamped += timestamps(node, nodeCheckpoints, proven, findings);
            }
            Map<Long, String> hashAt = new HashMap<>();
            ChainWalk walk = new ChainWalk(node, findings);
            store.forEachRecord(node, record -> {
                walk.accept(record);
                if (record.entry().configVersion() != null) {
                    firstNaming.putIfAbsent(record.entry().configVersion(), record);
                }
                hashAt.put(record.seq(), record.hash());
            });
            records += walk.count;
            for (AuditStore.StoredCheckpoint checkpoint : nodeCheckpoints) {
                checkpoints
                        .problem(checkpoint)
                        .ifPresentOrElse(
                                problem -> findings.add(
                                        new Finding(node, checkpoint.seq(), null, "checkpoint " + problem)),
                                () -> {
                                    String hash = hashAt.get(checkpoint.seq());
                                    if (hash == null) {
                                        findings.add(new Finding(
                                                node,
                                                checkpoint.seq(),
                                                null,
                                                "the record this signed checkpoint pins is missing (records deleted)"));
                                    } else if (!hash.equals(checkpoint.hash())) {
                                        findings.add(
                                                new Finding(
                                                        node,
                                                        checkpoint.seq(),
                                                        null,
                                                        "record hash differs from the signed checkpoint (chain rewritten before it)"));
                                    }
                                });
            }
        }
        for (Map.Entry<String, AuditRecord> named : firstNaming.entrySet()) {
            AuditRecord record = named.getValue();
            Optional<ConfigHistory.StoredVersion> stored = history.version(named.getKey());
            if (stored.isEmpty()) {
                findings.add(new Finding(
                        record.nodeId(),
                        record.seq(),
                        record.recordId(),
                        "names configuration version " + named.getKey() + ", which the configuration history lacks"));
            } else if (!stored.get().intact()) {
                findings.add(new Finding(
                        record.nodeId(),
                        record.seq(),
                        record.recordId(),
                        "configuration version " + named.getKey()
                                + " in the history does not hash to its version (its text was changed)"));
            }
        }
        findings.sort(Comparator.comparing(Finding::nodeId).thenComparingLong(Finding::seq));
        return new Report(
                nodes.size(), records, checkpointCount, List.copyOf(findings), List.copyOf(proven), untimestamped);
    }

    /** Checks each kept token of a node's checkpoints; returns how many checkpoints have none. */
    private long timestamps(
            String node,
            List<AuditStore.StoredCheckpoint> nodeCheckpoints,
            List<ProvenTime> proven,
            List<Finding> findings)
            throws SQLException {
        Map<Long, CheckpointTimestamps.Stamp> stamps = CheckpointTimestamps.of(store.dataSource(), node);
        long without = 0;
        for (AuditStore.StoredCheckpoint checkpoint : nodeCheckpoints) {
            CheckpointTimestamps.Stamp stamp = stamps.get(checkpoint.seq());
            if (stamp == null) {
                without++;
                continue;
            }
            try {
                Instant time =
                        TimestampAuthority.verify(stamp.token(), TimestampAuthority.bytes(checkpoint.jws()), tsa);
                proven.add(new ProvenTime(node, checkpoint.seq(), time));
            } catch (IllegalStateException e) {
                findings.add(new Finding(node, checkpoint.seq(), null, "checkpoint timestamp " + e.getMessage()));
            }
        }
        return without;
    }

    /** Walks one chain in seq order. */
    private static final class ChainWalk {
        private final String node;
        private final List<Finding> findings;
        private long count;
        private long expectedSeq = 1;
        private String expectedPrev = AuditRecord.GENESIS;

        ChainWalk(String node, List<Finding> findings) {
            this.node = node;
            this.findings = findings;
        }

        void accept(AuditRecord record) {
            count++;
            if (record.seq() != expectedSeq) {
                findings.add(new Finding(
                        node,
                        record.seq(),
                        record.recordId(),
                        "sequence gap: expected seq " + expectedSeq + " (records deleted or inserted)"));
            } else if (!record.prevHash().equals(expectedPrev)) {
                findings.add(new Finding(
                        node,
                        record.seq(),
                        record.recordId(),
                        "does not link to the record before it (a record was inserted, deleted or reordered)"));
            }
            if (!record.computeHash().equals(record.hash())) {
                findings.add(new Finding(
                        node, record.seq(), record.recordId(), "content does not match its hash (record changed)"));
            }
            expectedSeq = record.seq() + 1;
            expectedPrev = record.hash();
        }
    }
}
