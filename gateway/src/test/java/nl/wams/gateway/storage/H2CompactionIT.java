package nl.wams.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.support.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On the gateway's own H2 file (its URL, {@code WRITE_DELAY=0}): steady small commits leave the
 * file's chunks mostly dead space that H2 itself does not reclaim (its housekeeping thread does not
 * run with that setting); a compaction run rewrites the live pages out of them.
 */
class H2CompactionIT {

    Path folder;
    HikariDataSource dataSource;

    @BeforeEach
    void open() throws Exception {
        folder = Files.createTempDirectory("wams-h2-compaction");
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(AuditSetup.h2Url(folder, false));
        AuditSetup.migrate(dataSource);
        try (Connection c = dataSource.getConnection();
                var s = c.createStatement()) {
            // H2 rewrites and reuses only chunks older than its retention time (45 s by default).
            s.execute("SET RETENTION_TIME 0");
        }
    }

    @AfterEach
    void close() throws Exception {
        dataSource.close();
        TestFiles.deleteTree(folder);
    }

    /** Commits one small row at a time, as the audit writer does at a low rate. */
    void commitOneRowAtATime(int from, int rows) throws Exception {
        try (Connection c = dataSource.getConnection();
                var insert = c.prepareStatement(
                        "INSERT INTO peer_replay (jti, requester_oin, expires_at) VALUES (?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = from; i < from + rows; i++) {
                insert.setString(1, "jti-" + i);
                insert.setString(2, "00000099000000000001");
                insert.setString(3, String.format("2026-11-30T12:%02d:%02d.000Z", i / 60 % 60, i % 60));
                insert.executeUpdate();
                c.commit();
            }
        }
    }

    long fileSize() throws Exception {
        return Files.size(folder.resolve("audit.mv.db"));
    }

    /** How much the file grows over {@code rounds} of 200 single-row commits, with or without a run after each. */
    long growth(boolean compact, int rounds) throws Exception {
        H2Compaction compaction = new H2Compaction(dataSource);
        long before = fileSize();
        for (int round = 0; round < rounds; round++) {
            commitOneRowAtATime(round * 200, 200);
            if (compact) {
                compaction.run();
            }
        }
        return fileSize() - before;
    }

    @Test
    void withRunsBetweenCommitsTheFileGrowsAFractionOfWhatItGrowsWithout() throws Exception {
        long without = growth(false, 15);
        close();
        open();
        long with = growth(true, 15);

        assertThat(with).as("growth with runs %d, without %d", with, without).isLessThan(without / 3);
    }

    @Test
    void onlyAnEmbeddedH2FileIsCompacted() {
        assertThat(H2Compaction.applies(AuditSetup.h2Url(folder, false))).isTrue();
        assertThat(H2Compaction.applies(AuditSetup.h2Url(folder, true))).isTrue();
        assertThat(H2Compaction.applies("jdbc:postgresql://127.0.0.1:5432/wams"))
                .isFalse();
        assertThat(H2Compaction.applies("jdbc:h2:tcp://127.0.0.1/wams")).isFalse();
        assertThat(H2Compaction.applies(null)).isFalse();
    }
}
