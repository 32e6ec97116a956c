package nl.wams.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database under the gateway's own settings ({@link AuditSetup#h2Url}) keeps every
 * commit it reported when its process is killed, again and again: a child JVM commits small
 * transactions from four connections and prints each commit after it returns; this test kills it
 * with SIGKILL at a random moment, opens the file, and looks for every printed commit. This is
 * what chose the H2 version (docs/decisions.md #65): one version lost reported commits here, an
 * older one could leave a file that no longer opened.
 */
class EmbeddedDatabaseKillIT {

    private static final int CYCLES = 40;

    @TempDir
    Path dir;

    @Test
    void everyReportedCommitSurvivesRepeatedKillsAndTheFileAlwaysOpens() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path data = dir.resolve("audit-data");
        long next = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            int commits = 3 + random.nextInt(25);
            Set<Long> reported = new HashSet<>();
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx256m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Writer.class.getName(),
                            data.toString(),
                            Long.toString(next))
                    .redirectErrorStream(true)
                    .start();
            List<String> other = new ArrayList<>();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while (reported.size() < commits && (line = out.readLine()) != null) {
                    if (line.startsWith("committed ")) {
                        reported.add(Long.parseLong(line.substring("committed ".length())));
                    } else {
                        other.add(line);
                    }
                }
            } finally {
                child.destroyForcibly(); // SIGKILL: nothing in the child runs after it
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(reported)
                    .as("cycle %d (seed %d): the writer ran; its other output: %s", cycle, seed, other)
                    .hasSize(commits);
            next = reported.stream().mapToLong(Long::longValue).max().orElseThrow() + 1_000;

            try (Connection c = DriverManager.getConnection(AuditSetup.h2Url(data, false), "sa", "");
                    PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM kill_trial WHERE tx = ?")) {
                for (long tx : reported) {
                    count.setLong(1, tx);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        assertThat(rs.getLong(1))
                                .as("cycle %d (seed %d): rows of reported commit %d", cycle, seed, tx)
                                .isEqualTo(Writer.ROWS_PER_COMMIT);
                    }
                }
            }
        }
    }

    /** The child: commits until it is killed, printing each transaction after its commit returned. */
    public static final class Writer {

        static final int ROWS_PER_COMMIT = 4;

        public static void main(String[] args) throws Exception {
            String url = AuditSetup.h2Url(Path.of(args[0]), false);
            AtomicLong tx = new AtomicLong(Long.parseLong(args[1]));
            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                c.createStatement()
                        .execute("CREATE TABLE IF NOT EXISTS kill_trial(id BIGINT PRIMARY KEY, tx BIGINT NOT NULL,"
                                + " body VARCHAR(2000) NOT NULL)");
                c.createStatement().execute("CREATE INDEX IF NOT EXISTS kill_trial_tx ON kill_trial(tx)");
            }
            String body = "r".repeat(400);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                writers.submit(() -> {
                    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                        c.setAutoCommit(false);
                        try (PreparedStatement insert = c.prepareStatement("INSERT INTO kill_trial VALUES (?, ?, ?)");
                                PreparedStatement delete = c.prepareStatement("DELETE FROM kill_trial WHERE id = ?")) {
                            while (true) {
                                long id = tx.getAndIncrement();
                                for (int k = 0; k < ROWS_PER_COMMIT; k++) {
                                    insert.setLong(1, id * 10 + k);
                                    insert.setLong(2, id);
                                    insert.setString(3, body);
                                    insert.executeUpdate();
                                }
                                // Some churn, as retention does: a scratch row of this transaction
                                // (never counted) and the scratch row of the one before it.
                                insert.setLong(1, id * 10 + ROWS_PER_COMMIT);
                                insert.setLong(2, -id - 1);
                                insert.setString(3, body);
                                insert.executeUpdate();
                                delete.setLong(1, (id - 1) * 10 + ROWS_PER_COMMIT);
                                delete.executeUpdate();
                                c.commit();
                                synchronized (System.out) {
                                    System.out.println("committed " + id);
                                    System.out.flush();
                                }
                            }
                        }
                    }
                });
            }
            writers.awaitTermination(1, TimeUnit.DAYS);
        }
    }
}
