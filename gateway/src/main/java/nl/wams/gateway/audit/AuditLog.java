package nl.wams.gateway.audit;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import nl.wams.gateway.storage.StoredTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends records to this node's hash chain. {@link #append} returns only once the records are
 * durably committed; when that fails it throws {@link AuditUnavailableException} and the caller
 * must not move any data (fail closed).
 *
 * <p>One writer thread per node owns the chain: it takes every waiting append, links them, writes
 * them in one transaction (group commit) with a signed checkpoint when one is due, and then
 * releases the callers. After a failure it re-reads the chain head from the database, so the
 * gateway recovers by itself when the database is back.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_BATCH = 2000;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final AuditStore store;
    private final Checkpoints checkpoints;
    private final String nodeId;
    private final Clock clock;
    private final int checkpointEveryRecords;
    private final Duration checkpointEvery;
    private final SecureRandom random = new SecureRandom();
    private final Supplier<String> recordIds;
    private final CommitObserver commits;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    private AuditStore.ChainHead head;
    private long lastCheckpointSeq;
    private volatile AuditStore.StoredCheckpoint latestCheckpoint;
    private Instant lastCheckpointAt;

    public AuditLog(
            AuditStore store,
            Checkpoints checkpoints,
            String nodeId,
            Clock clock,
            int checkpointEveryRecords,
            Duration checkpointEvery,
            Supplier<String> recordIds) {
        this(
                store,
                checkpoints,
                nodeId,
                clock,
                checkpointEveryRecords,
                checkpointEvery,
                recordIds,
                CommitObserver.NONE);
    }

    /** Sees every commit of the writer: how many appends it carried and how long it took (for metrics). */
    @FunctionalInterface
    public interface CommitObserver {
        CommitObserver NONE = (appends, nanos) -> {};

        void committed(int appends, long nanos);
    }

    public AuditLog(
            AuditStore store,
            Checkpoints checkpoints,
            String nodeId,
            Clock clock,
            int checkpointEveryRecords,
            Duration checkpointEvery,
            Supplier<String> recordIds,
            CommitObserver commits) {
        this.commits = commits;
        this.store = store;
        this.checkpoints = checkpoints;
        this.nodeId = nodeId;
        this.clock = clock;
        this.checkpointEveryRecords = checkpointEveryRecords;
        this.checkpointEvery = checkpointEvery;
        this.recordIds = recordIds;
        this.lastCheckpointAt = clock.instant();
        this.writer = new Thread(this::run, "wams-audit-writer-" + nodeId);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public String nodeId() {
        return nodeId;
    }

    /**
     * This node's latest signed checkpoint (what peer messages carry for the receiver to witness),
     * empty before the first one or while the database cannot be read.
     */
    public Optional<AuditStore.StoredCheckpoint> latestCheckpoint() {
        AuditStore.StoredCheckpoint known = latestCheckpoint;
        if (known == null) {
            try {
                known = store.lastCheckpoint(nodeId).orElse(null);
                latestCheckpoint = known;
            } catch (SQLException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(known);
    }

    /** Entries waiting for the writer (for health and metrics: the writer keeps up when this stays small). */
    public int queueDepth() {
        return queue.size();
    }

    /** Commits the entries, in order, before returning (fail closed: {@link AuditUnavailableException} when not). */
    public void append(String traceId, List<AuditEntry> entries) {
        append(traceId, entries, null);
    }

    /**
     * Commits the entries and {@code alongside} in one transaction before returning: either both
     * are durable or neither is (fail closed: {@link AuditUnavailableException} when not).
     */
    public void append(String traceId, List<AuditEntry> entries, InTransaction alongside) {
        if (entries.isEmpty() && alongside == null) {
            return;
        }
        if (!running) {
            throw new AuditUnavailableException("audit log is closed", null);
        }
        Pending pending = new Pending(traceId, List.copyOf(entries), alongside, new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.done().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InTransaction.Withdrawn withdrawn) {
                throw withdrawn;
            }
            throw new AuditUnavailableException("audit log could not be written", e.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException("audit log did not commit in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while writing the audit log", e);
        }
    }

    private void run() {
        // After close() the writer still commits what was appended before: a graceful stop loses nothing.
        while (running || !queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(checkpointEvery.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    batch.remove(WAKE_UP);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(batch, e);
                return;
            }
            commit(batch);
        }
    }

    /**
     * Writes a batch in one transaction. When that fails and the batch holds work of its own (a
     * stored result, say), each append is tried alone, so that one caller's failing work never
     * fails the others.
     */
    private void commit(List<Pending> batch) {
        try {
            long start = System.nanoTime();
            write(batch);
            if (!batch.isEmpty()) {
                commits.committed(batch.size(), System.nanoTime() - start);
            }
            batch.forEach(p -> p.done().complete(null));
        } catch (Exception | Error e) {
            // Whatever the driver throws (pgjdbc even throws AssertionError on a dead connection
            // when assertions are on), the writer must live on: if it died, the log would stay
            // down after the database recovers.
            failed(e);
            if (batch.size() > 1 && batch.stream().anyMatch(p -> p.alongside() != null)) {
                for (Pending pending : batch) {
                    try {
                        write(List.of(pending));
                        pending.done().complete(null);
                    } catch (Exception | Error alone) {
                        failed(alone);
                        pending.done().completeExceptionally(alone);
                    }
                }
            } else {
                fail(batch, e);
            }
        }
    }

    /** Logs the kind of failure only: a driver's message can quote the data it could not write. */
    private void failed(Throwable e) {
        head = null; // re-read from the database before the next write
        if (e instanceof InTransaction.Withdrawn) {
            return; // nothing to do after all: not a failure of the log
        }
        log.warn("audit write failed for node {}: {}{}", nodeId, e.getClass().getSimpleName(), sqlState(e));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return " (SQL state " + sql.getSQLState() + ")";
            }
        }
        return "";
    }

    private void write(List<Pending> batch) throws SQLException {
        if (head == null) {
            head = store.head(nodeId);
            lastCheckpointSeq = store.lastCheckpoint(nodeId)
                    .map(AuditStore.StoredCheckpoint::seq)
                    .orElse(0L);
        }
        Instant now = clock.instant();
        List<AuditRecord> records = new ArrayList<>();
        AuditStore.ChainHead next = head;
        for (Pending pending : batch) {
            for (AuditEntry entry : pending.entries()) {
                AuditRecord record = AuditRecord.chained(
                        nodeId,
                        next.seq() + 1,
                        recordIds.get(),
                        pending.traceId(),
                        spanId(),
                        StoredTime.format(now),
                        entry,
                        next.hash());
                records.add(record);
                next = new AuditStore.ChainHead(record.seq(), record.hash());
            }
        }
        boolean checkpointDue = next.seq() > lastCheckpointSeq
                && (next.seq() - lastCheckpointSeq >= checkpointEveryRecords
                        || !now.isBefore(lastCheckpointAt.plus(checkpointEvery)));
        boolean work = batch.stream().anyMatch(p -> p.alongside() != null);
        if (records.isEmpty() && !checkpointDue && !work) {
            return;
        }
        try (Connection connection = store.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                store.insert(connection, records);
                for (Pending pending : batch) {
                    if (pending.alongside() != null) {
                        pending.alongside().run(connection);
                    }
                }
                AuditStore.StoredCheckpoint signed = null;
                if (checkpointDue) {
                    signed = checkpoints.sign(nodeId, next.seq(), next.hash(), now);
                    store.insertCheckpoint(connection, signed);
                }
                connection.commit();
                if (signed != null) {
                    latestCheckpoint = signed;
                }
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
        head = next;
        if (checkpointDue) {
            lastCheckpointSeq = next.seq();
            lastCheckpointAt = now;
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private String spanId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void fail(List<Pending> batch, Throwable cause) {
        batch.forEach(p -> p.done().completeExceptionally(cause));
    }

    /**
     * Stops taking appends and lets the writer commit every append that was already waiting
     * (bounded), so that a graceful shutdown flushes the log; what is left after the bound fails
     * its callers (fail closed: they move no data).
     */
    @Override
    public void close() {
        running = false;
        queue.add(WAKE_UP); // the writer may be waiting for work: let it see that there is no more
        try {
            writer.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, new IllegalStateException("audit log closed"));
    }

    /** Not an append: wakes the writer when the log closes. */
    private static final Pending WAKE_UP = new Pending(null, List.of(), null, new CompletableFuture<>());

    private record Pending(
            String traceId, List<AuditEntry> entries, InTransaction alongside, CompletableFuture<Void> done) {}
}
