package nl.wams.gateway.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import nl.wams.adapters.TransactionIds;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.audit.AuditVerifier;
import nl.wams.gateway.audit.Checkpoints;
import nl.wams.gateway.requester.ResultStore;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.storage.H2Compaction;
import nl.wams.gateway.storage.PeriodicJobs;
import nl.wams.gateway.support.TestTokens;

/**
 * Load driver: durable audit appends per second on a real PostgreSQL or the embedded H2 file (the
 * gateway's own URL, {@link AuditSetup#h2Url}) with N concurrent writers. Every append returns
 * only after its commit (the rule the gateway relies on), so this measures group commit, not
 * buffering. Reports the CPU time of this process per record too. Run with
 * {@code bench/audit-append.sh [writers] [seconds] [postgres|h2] [record|request] [sql-file]}.
 *
 * <p>{@code request} makes each writer's step what a data request of one party and one subject
 * writes: two records in one commit (before the party is asked), then two records with the stored
 * result in the next (the gateway's {@code ResultStore} row, a sealed value of the size of a
 * small answer). A {@code sql-file} runs after the migration, e.g. to drop an index and measure
 * what it costs per commit.
 */
public final class AuditAppendLoad {

    public static void main(String[] args) throws Exception {
        int writers = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        Duration duration = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
        boolean h2 = args.length > 2 && args[2].equals("h2");
        Shape shape = args.length > 3 && args[3].equals("request") ? Shape.REQUEST : Shape.RECORD;
        Path after = args.length > 4 ? Path.of(args[4]) : null;
        try (BenchDatabase db = BenchDatabase.open("wams-audit-append", h2, "?reWriteBatchedInserts=true")) {
            HikariDataSource hikari = db.pool();
            if (after != null) {
                try (Connection c = hikari.getConnection();
                        Statement s = c.createStatement()) {
                    for (String sql : Files.readString(after).split(";")) {
                        if (!sql.isBlank()) {
                            s.execute(sql);
                        }
                    }
                }
            }
            AuditStore store = new AuditStore(hikari);
            var key = TestTokens.newKey("bench");
            TransactionIds ids = new TransactionIds(Clock.systemUTC());
            Step step = shape.step(hikari);
            LongAdder appended = new LongAdder();
            LongAdder commits = new LongAdder();
            var compaction = H2Compaction.job(
                    hikari.getJdbcUrl(),
                    hikari,
                    new PeriodicJobs(PeriodicJobs.Observer.NONE)); // as the gateway runs it
            try (AuditLog log = new AuditLog(
                    store,
                    new Checkpoints(key),
                    "bench",
                    Clock.systemUTC(),
                    1000,
                    Duration.ofSeconds(10),
                    () -> ids.next().toString(),
                    (appends, nanos) -> commits.increment())) {
                // Warm-up: 10 seconds, not counted.
                run(log, writers, Instant.now().plusSeconds(10), new LongAdder(), step);
                var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                long cpuBefore = os.getProcessCpuTime();
                long commitsBefore = commits.sum();
                Instant start = Instant.now();
                run(log, writers, start.plus(duration), appended, step);
                double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6;
                System.out.printf(
                        "%s, %d writers, %.1f s: %d durable %ss, %.0f per second, %.3f ms CPU per %s, %.1f appends per commit%n",
                        db.name(),
                        writers,
                        seconds,
                        appended.sum(),
                        shape.unit,
                        appended.sum() / seconds,
                        cpuMs / appended.sum(),
                        shape.unit,
                        appended.sum() * (double) shape.appends / (commits.sum() - commitsBefore));
                if (h2) {
                    // H2 reuses the space of replaced pages only once they are older than its
                    // retention time (45 s): the file follows the commit rate, not the records kept.
                    System.out.printf(
                            "H2 file: %d MB after %d commits (warm-up included)%n",
                            Files.size(db.folder().resolve("audit.mv.db")) >> 20, commits.sum());
                }
            }
            compaction.shutdownNow();
            var report = new AuditVerifier(store, new Checkpoints(key)).verify();
            System.out.printf(
                    "verify: %d records, %d checkpoints, intact=%s%n",
                    report.records(), report.checkpoints(), report.intact());
        }
    }

    /** What a writer's step appends: one record, or what one data request writes. */
    enum Shape {
        RECORD("record", 1),
        REQUEST("request", 2);

        /** What the report counts, and how many appends (commits of the writer's own) each takes. */
        final String unit;

        final int appends;

        Shape(String unit, int appends) {
            this.unit = unit;
            this.appends = appends;
        }

        Step step(DataSource dataSource) {
            return this == RECORD ? AuditAppendLoad::recordStep : requestStep(dataSource);
        }
    }

    private static final String TRACE = "0".repeat(32);

    /** What one writer does in one step of the loop. */
    @FunctionalInterface
    interface Step {
        void run(AuditLog log, String subject) throws SQLException;
    }

    /** One record in its own append. */
    static void recordStep(AuditLog log, String subject) {
        log.append(TRACE, List.of(entry(UUID.randomUUID().toString(), subject)));
    }

    /**
     * One data request of one party and one subject as the gateway writes it: two records, then two
     * records with the stored result (the gateway's own insert, a value sealed with its own cipher,
     * made once: sealing runs on the request's thread, not in the writer's commit).
     */
    static Step requestStep(DataSource dataSource) {
        DataCipher cipher = new DataCipher(new byte[32]);
        ResultStore results = new ResultStore(dataSource, cipher, Clock.systemUTC(), Duration.ofMinutes(30));
        String sealed = cipher.seal("{\"uitkomst\":\"VERSTREKT\",\"gegevens\":\"" + "x".repeat(1_000) + "\"}", "bench");
        TransactionIds transactions = new TransactionIds(Clock.systemUTC()); // time-ordered, as the gateway's
        return (log, subject) -> {
            String transaction = transactions.next().toString();
            log.append(TRACE, List.of(entry(transaction, subject), entry(transaction, subject)));
            ResultStore.Row row = new ResultStore.Row(transaction, "bench", "2099-01-01T00:00:00.000Z", sealed);
            log.append(
                    TRACE,
                    List.of(entry(transaction, subject), entry(transaction, subject)),
                    c -> results.insert(c, row));
        };
    }

    private static AuditEntry entry(String transaction, String subject) {
        return AuditEntry.of(AuditEvent.ANTWOORD_ONTVANGEN, transaction)
                .requester("00000099000000000001", "bench")
                .party("ggz", "00000099000000000101")
                .purpose("onderzoek", "wmo-onderzoek", "onderzoek", "Z-BENCH")
                .subjects(List.of(subject))
                .categories(List.of("schulden"), List.of("schulden"))
                .outcome("VERSTREKT", null, null)
                .build();
    }

    static void run(AuditLog log, int writers, Instant until, LongAdder appended, Step step)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(writers);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String subject = String.format("%040d", w);
            Thread t = new Thread(() -> {
                try {
                    while (Instant.now().isBefore(until)) {
                        step.run(log, subject);
                        appended.increment();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
            threads.add(t);
            t.start();
        }
        done.await();
    }
}
