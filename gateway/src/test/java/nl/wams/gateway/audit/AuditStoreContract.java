package nl.wams.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import nl.wams.adapters.TransactionIds;
import nl.wams.gateway.federation.ReplayStore;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every audit store must do, run against H2 and PostgreSQL by the subclasses. */
abstract class AuditStoreContract {

    static final ECKey KEY = TestTokens.newKey("audit-test");

    abstract DataSource dataSource();

    AuditStore store;
    final List<AuditLog> logs = new ArrayList<>();
    final TransactionIds ids = new TransactionIds(Clock.systemUTC());

    @BeforeEach
    void cleanSchema() throws Exception {
        AuditSetup.migrate(dataSource());
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM audit_subject");
            s.executeUpdate("DELETE FROM audit_checkpoint");
            s.executeUpdate("DELETE FROM audit_record");
            s.executeUpdate("DELETE FROM peer_replay");
        }
        store = new AuditStore(dataSource());
    }

    @AfterEach
    void closeLogs() {
        logs.forEach(AuditLog::close);
    }

    AuditLog log(String node, int checkpointEvery) {
        AuditLog log = new AuditLog(
                store,
                new Checkpoints(KEY),
                node,
                Clock.systemUTC(),
                checkpointEvery,
                Duration.ofHours(1),
                () -> ids.next().toString());
        logs.add(log);
        return log;
    }

    static AuditEntry entry(AuditEvent event, String caseRef, String party, String outcome, String... subjects) {
        return AuditEntry.of(event, UUID.randomUUID().toString())
                .requester("00000099000000000001", "cw-1")
                .party(party, party == null ? null : "00000099000000000101")
                .purpose("onderzoek", "wmo-onderzoek", "onderzoek", caseRef)
                .subjects(List.of(subjects))
                .categories(List.of("schulden"), List.of("schulden"))
                .fieldsRemoved(List.of("schulden.beslaglegging"))
                .outcome(outcome, null, "motivering met é en \"quotes\"")
                .build();
    }

    AuditVerifier.Report verify() throws Exception {
        return new AuditVerifier(store, new Checkpoints(KEY)).verify();
    }

    @Test
    void appendedRecordsReadBackInChainOrderAndVerify() throws Exception {
        AuditLog log = log("n1", 1000);
        log.append(
                "t1",
                List.of(
                        entry(AuditEvent.VERZOEK_ONTVANGEN, "Z-1", null, null, "p1"),
                        entry(AuditEvent.VERZOEK_VERZONDEN, "Z-1", "ggz", null, "p1")));
        log.append("t2", List.of(entry(AuditEvent.ANTWOORD_ONTVANGEN, "Z-1", "ggz", "VERSTREKT", "p1")));

        List<AuditRecord> records = new ArrayList<>();
        store.forEachRecord("n1", records::add);

        assertThat(records).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L);
        assertThat(records.get(0).prevHash()).isEqualTo(AuditRecord.GENESIS);
        assertThat(records.get(1).prevHash()).isEqualTo(records.get(0).hash());
        assertThat(records.get(2).entry().motivation()).isEqualTo("motivering met é en \"quotes\"");
        assertThat(records.get(2).entry().fieldsRemoved()).containsExactly("schulden.beslaglegging");
        assertThat(records).allSatisfy(r -> assertThat(r.computeHash()).isEqualTo(r.hash()));
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void signedCheckpointsAreWrittenEveryNRecords() throws Exception {
        AuditLog log = log("n1", 3);
        for (int i = 0; i < 7; i++) {
            log.append("t", List.of(entry(AuditEvent.VERZOEK_ONTVANGEN, "Z-" + i, null, null, "p1")));
        }

        List<AuditStore.StoredCheckpoint> checkpoints = store.checkpoints("n1");

        assertThat(checkpoints).extracting(AuditStore.StoredCheckpoint::seq).containsExactly(3L, 6L);
        assertThat(checkpoints)
                .allSatisfy(c -> assertThat(new Checkpoints(KEY).problem(c)).isEmpty());
        assertThat(verify().checkpoints()).isEqualTo(2);
    }

    @Test
    void aCheckpointIsAlsoSignedAfterTheConfiguredTimeWithoutNewRecords() throws Exception {
        AuditLog log = new AuditLog(
                store,
                new Checkpoints(KEY),
                "n-time",
                Clock.systemUTC(),
                1000,
                Duration.ofMillis(200),
                () -> ids.next().toString());
        logs.add(log);
        log.append("t", List.of(entry(AuditEvent.VERZOEK_ONTVANGEN, "Z-T", null, null, "p1")));

        Instant deadline = Instant.now().plusSeconds(10);
        while (store.checkpoints("n-time").isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }

        assertThat(store.checkpoints("n-time"))
                .singleElement()
                .satisfies(c -> assertThat(c.seq()).isEqualTo(1));
    }

    @Test
    void concurrentWritersLoseNothingAndTheChainHolds() throws Exception {
        AuditLog log = log("n1", 50);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int writer = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    log.append(
                            "t",
                            List.of(entry(
                                    AuditEvent.VERZOEK_ONTVANGEN, "W" + writer + "-" + i, null, null, "p" + writer)));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        AuditVerifier.Report report = verify();
        assertThat(report.records()).isEqualTo(400);
        assertThat(report.intact()).as(report.findings().toString()).isTrue();
    }

    /**
     * A provider marks a peer request's id as used in the commit of the record that it was
     * received: one durable commit. A replay withdraws its own commit only (no record, no second
     * use), also when it shares the writer's batch with other requests, which commit as usual.
     */
    @Test
    void aRequestIdIsUsedInTheCommitOfItsRecordAndAReplayWritesNothing() throws Exception {
        AuditLog log = log("n1", 1000);
        ReplayStore replay = new ReplayStore(dataSource(), Clock.systemUTC());
        Instant expires = Instant.now().plus(Duration.ofMinutes(5));
        log.append(
                "t",
                List.of(entry(AuditEvent.PEER_VERZOEK_ONTVANGEN, "Z-0", null, null, "p1")),
                replay.firstUseWith("jti-0", "00000099000000000001", expires));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> used = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String jti = i % 2 == 0 ? "jti-0" : "jti-" + i;
            used.add(pool.submit(() -> {
                try {
                    log.append(
                            "t",
                            List.of(entry(AuditEvent.PEER_VERZOEK_ONTVANGEN, jti, null, null, "p1")),
                            replay.firstUseWith(jti, "00000099000000000001", expires));
                    return true;
                } catch (InTransaction.Withdrawn replayed) {
                    return false;
                }
            }));
        }
        int accepted = 0;
        for (Future<Boolean> f : used) {
            accepted += f.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(accepted).isEqualTo(20);
        assertThat(replay.firstUse("jti-0", "00000099000000000001", expires)).isFalse();
        assertThat(replay.firstUse("jti-1", "00000099000000000001", expires)).isFalse();
        AuditVerifier.Report report = verify();
        assertThat(report.records()).isEqualTo(21);
        assertThat(report.intact()).as(report.findings().toString()).isTrue();
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM peer_replay")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(21);
        }
    }

    @Test
    void aRestartedLogContinuesItsChain() throws Exception {
        AuditLog first = log("n1", 1000);
        first.append("t", List.of(entry(AuditEvent.VERZOEK_ONTVANGEN, "Z-1", null, null, "p1")));
        first.close();

        log("n1", 1000).append("t", List.of(entry(AuditEvent.VERZOEK_ONTVANGEN, "Z-2", null, null, "p1")));

        assertThat(store.head("n1").seq()).isEqualTo(2);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void twoNodesKeepTheirOwnChains() throws Exception {
        log("a", 1000).append("t", List.of(entry(AuditEvent.VERZOEK_ONTVANGEN, "Z-1", null, null, "p1")));
        log("b", 1000).append("t", List.of(entry(AuditEvent.VERZOEK_ONTVANGEN, "Z-2", null, null, "p1")));

        assertThat(store.nodes()).containsExactly("a", "b");
        assertThat(store.head("a").seq()).isEqualTo(1);
        assertThat(store.head("b").seq()).isEqualTo(1);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void queriesFilterAndPage() throws Exception {
        AuditLog log = log("n1", 1000);
        for (int i = 0; i < 5; i++) {
            log.append(
                    "t",
                    List.of(
                            entry(AuditEvent.ANTWOORD_ONTVANGEN, "Z-A", "ggz", "VERSTREKT", "p1"),
                            entry(AuditEvent.ANTWOORD_GEWEIGERD, "Z-B", "woon", "GEWEIGERD", "p2")));
        }

        var page = store.query(new AuditQuery("Z-B", null, null, null, null, null, 1, 3));
        var byOutcome = store.query(new AuditQuery(null, "ggz", "onderzoek", "VERSTREKT", null, null, 2, 3));
        var none =
                store.query(new AuditQuery(null, null, null, null, Instant.now().plusSeconds(60), null, 1, 10));

        assertThat(page.total()).isEqualTo(5);
        assertThat(page.records())
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.entry().caseRef()).isEqualTo("Z-B"));
        assertThat(byOutcome.total()).isEqualTo(5);
        assertThat(byOutcome.records()).hasSize(2);
        assertThat(none.total()).isZero();
    }

    @Test
    void aSearchForOnePersonFindsOnlyTheirRecordsWithTheOtherFiltersNewestFirstAndPaged() throws Exception {
        AuditLog log = log("n1", 1000);
        for (int i = 0; i < 4; i++) {
            log.append(
                    "t" + i,
                    List.of(
                            entry(AuditEvent.VERZOEK_ONTVANGEN, "Z-" + i, null, null, "p1", "p2"),
                            entry(AuditEvent.ANTWOORD_ONTVANGEN, "Z-" + i, "ggz", "VERSTREKT", "p1"),
                            entry(AuditEvent.ANTWOORD_ONTVANGEN, "Z-" + i, "woon", "VERSTREKT", "p3")));
        }

        var firstPage = store.query(new AuditQuery(null, null, null, null, null, null, null, "p1", 1, 5));
        var secondPage = store.query(new AuditQuery(null, null, null, null, null, null, null, "p1", 2, 5));
        var atGgz = store.query(
                new AuditQuery(null, "ggz", null, null, null, null, AuditEvent.ANTWOORD_ONTVANGEN, "p1", 1, 10));
        var notAtWoon = store.query(new AuditQuery(null, "woon", null, null, null, null, null, "p1", 1, 10));
        var nobody = store.query(new AuditQuery(null, null, null, null, null, null, null, "p9", 1, 10));

        assertThat(firstPage.total()).isEqualTo(8);
        assertThat(firstPage.records()).hasSize(5);
        assertThat(secondPage.records()).hasSize(3);
        List<AuditRecord> all = new ArrayList<>(firstPage.records());
        all.addAll(secondPage.records());
        assertThat(all).allSatisfy(r -> assertThat(r.entry().subjects()).contains("p1"));
        assertThat(all)
                .extracting(AuditRecord::seq)
                .doesNotHaveDuplicates()
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(atGgz.total()).isEqualTo(4);
        assertThat(atGgz.records())
                .allSatisfy(r -> assertThat(r.entry().partyId()).isEqualTo("ggz"));
        assertThat(notAtWoon.total()).isZero();
        assertThat(nobody.total()).isZero();
        assertThat(nobody.records()).isEmpty();
    }

    @Test
    void subjectLookupFindsOnlyThatPersonsRecords() throws Exception {
        AuditLog log = log("n1", 1000);
        log.append(
                "t",
                List.of(
                        entry(AuditEvent.VERZOEK_ONTVANGEN, "Z-1", null, null, "p1", "p2"),
                        entry(AuditEvent.VERZOEK_ONTVANGEN, "Z-2", null, null, "p2"),
                        entry(AuditEvent.VERZOEK_ONTVANGEN, "Z-3", null, null, "p3")));

        assertThat(store.bySubject("p2")).extracting(r -> r.entry().caseRef()).containsExactly("Z-1", "Z-2");
        assertThat(store.bySubject("p9")).isEmpty();
    }
}
