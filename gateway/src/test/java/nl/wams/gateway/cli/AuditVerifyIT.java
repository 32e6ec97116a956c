package nl.wams.gateway.cli;

import static nl.wams.gateway.cli.ConfigValidateCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import nl.wams.adapters.TransactionIds;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.AuditRecord;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.audit.Checkpoints;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify} on a real log: untouched it exits 0; after each kind of tampering it exits 1
 * and names the first bad record. 12 records, a signed checkpoint every 5.
 */
class AuditVerifyIT {

    @TempDir
    Path dir;

    Path configFile;
    LoadedConfig config;
    HikariDataSource dataSource;
    AuditStore store;

    @BeforeEach
    void twelveRecords() throws Exception {
        new TestTokens().writeJwks(dir);
        configFile = dir.resolve("gateway.yml");
        Files.writeString(configFile, """
                identity: { oin: "00000099000000000001", name: Testgemeente, roles: [requester] }
                authentication: { issuer: "https://idp.test.example", audience: wams-gateway, jwks-file: issuer.jwks.json }
                catalogue: "%s"
                purposes:
                  - id: verkenning
                    phase: verkenning
                    legal-basis: { id: wmo-verkenning, text: "Wmo 2015 (Wams)" }
                    categories: [bekend-bij]
                minimisation:
                  verkenning:
                    bekend-bij: { bekend: keep }
                parties: []
                api: { plain-http: true }
                """.formatted(TestGateway.CATALOGUE) + TestGateway.auditBlock(dir, "n1", null));
        config = new ConfigLoader().load(configFile);
        dataSource = AuditSetup.dataSource(config);
        store = new AuditStore(dataSource);
        TransactionIds ids = new TransactionIds(Clock.systemUTC());
        try (AuditLog log = new AuditLog(
                store,
                new Checkpoints(AuditSetup.signingKey(config)),
                "n1",
                Clock.systemUTC(),
                5,
                Duration.ofHours(1),
                () -> ids.next().toString())) {
            for (int i = 1; i <= 12; i++) {
                log.append("trace", List.of(entry("Z-" + i)));
            }
        }
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    static AuditEntry entry(String caseRef) {
        return AuditEntry.of(AuditEvent.ANTWOORD_ONTVANGEN, UUID.randomUUID().toString())
                .requester("00000099000000000001", "cw-1")
                .party("ggz", "00000099000000000101")
                .purpose("verkenning", "wmo-verkenning", "verkenning", caseRef)
                .subjects(List.of("a1b2c3"))
                .outcome("GEWEIGERD", "BEROEPSGEHEIM", "Behandelrelatie")
                .build();
    }

    CliRunner.Result verify() {
        return run("audit", "verify", "--config", configFile.toString());
    }

    String recordId(long seq) throws Exception {
        List<String> id = new ArrayList<>();
        store.forEachRecord("n1", r -> {
            if (r.seq() == seq) {
                id.add(r.recordId());
            }
        });
        return id.get(0);
    }

    void sql(String... statements) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    @Test
    void untouchedLogIsIntact() {
        var run = verify();

        assertThat(run.code()).as(run.out()).isZero();
        assertThat(run.out()).contains("12 record(s), 2 checkpoint(s)").contains("INTACT");
    }

    @Test
    void modifiedRecordIsNamed() throws Exception {
        String id = recordId(7);
        sql("UPDATE audit_record SET outcome = 'VERSTREKT', ground = NULL WHERE node_id = 'n1' AND seq = 7");

        var run = verify();

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("BROKEN: node n1 seq 7 record " + id + ": content does not match its hash");
    }

    @Test
    void deletedRecordIsNamedByTheGapItLeaves() throws Exception {
        String next = recordId(8);
        sql("DELETE FROM audit_record WHERE node_id = 'n1' AND seq = 7");

        var run = verify();

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("BROKEN: node n1 seq 8 record " + next + ": sequence gap: expected seq 7");
    }

    @Test
    void insertedRecordIsNamed() throws Exception {
        // Make room at seq 7 and put in a record with a borrowed hash.
        for (long seq = 12; seq >= 7; seq--) {
            sql("UPDATE audit_record SET seq = " + (seq + 1) + " WHERE node_id = 'n1' AND seq = " + seq);
        }
        sql("INSERT INTO audit_record (node_id, seq, record_id, transaction_id, trace_id, span_id, occurred_at,"
                + " event_type, subjects, categories_asked, categories_released, fields_removed, prev_hash, hash)"
                + " SELECT node_id, 7, '01900000-0000-7000-8000-00000000beef', transaction_id, trace_id, span_id,"
                + " occurred_at, 'ANTWOORD_ONTVANGEN', subjects, categories_asked, categories_released, fields_removed,"
                + " hash, hash FROM audit_record WHERE node_id = 'n1' AND seq = 6");

        var run = verify();

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("BROKEN: node n1 seq 7 record 01900000-0000-7000-8000-00000000beef");
    }

    @Test
    void reorderedRecordsAreNamed() throws Exception {
        String eight = recordId(8);
        sql(
                "UPDATE audit_record SET seq = 100 WHERE node_id = 'n1' AND seq = 7",
                "UPDATE audit_record SET seq = 7 WHERE node_id = 'n1' AND seq = 8",
                "UPDATE audit_record SET seq = 8 WHERE node_id = 'n1' AND seq = 100");

        var run = verify();

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("BROKEN: node n1 seq 7 record " + eight + ":");
    }

    @Test
    void forgedCheckpointSignatureIsNamed() throws Exception {
        ECKey forger = TestTokens.newKey(AuditSetup.signingKey(config).getKeyID());
        var forged = new ForgingCheckpoints(forger).forge("n1", 5, hashAt(5));
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("UPDATE audit_checkpoint SET jws = ? WHERE node_id = 'n1' AND seq = 5")) {
            s.setString(1, forged);
            s.executeUpdate();
        }

        var run = verify();

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("BROKEN: node n1 seq 5: checkpoint signature does not verify");
    }

    @Test
    void rewrittenChainIsCaughtByTheSignedCheckpoint() throws Exception {
        // A careful attacker changes record 7 and recomputes every hash after it.
        List<AuditRecord> records = new ArrayList<>();
        store.forEachRecord("n1", records::add);
        String prev = records.get(5).hash();
        for (AuditRecord r : records.subList(6, records.size())) {
            AuditEntry e = r.entry();
            AuditEntry entry = r.seq() != 7
                    ? e
                    : new AuditEntry(
                            e.event(),
                            e.transactionId(),
                            e.requesterOin(),
                            e.userRef(),
                            e.partyId(),
                            e.partyOin(),
                            e.purpose(),
                            e.legalBasis(),
                            e.phase(),
                            "VERVALST",
                            e.subjects(),
                            e.categoriesAsked(),
                            e.categoriesReleased(),
                            e.fieldsRemoved(),
                            e.outcome(),
                            e.ground(),
                            e.motivation(),
                            e.configVersion());
            AuditRecord rewritten = AuditRecord.chained(
                    r.nodeId(), r.seq(), r.recordId(), r.traceId(), r.spanId(), r.occurredAt(), entry, prev);
            sql("UPDATE audit_record SET case_ref = '" + entry.caseRef() + "', prev_hash = '" + rewritten.prevHash()
                    + "', hash = '" + rewritten.hash() + "' WHERE node_id = 'n1' AND seq = " + r.seq());
            prev = rewritten.hash();
        }

        var run = verify();

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("BROKEN: node n1 seq 10: record hash differs from the signed checkpoint");
    }

    String hashAt(long seq) throws Exception {
        List<String> hash = new ArrayList<>();
        store.forEachRecord("n1", r -> {
            if (r.seq() == seq) {
                hash.add(r.hash());
            }
        });
        return hash.get(0);
    }

    /** Signs a checkpoint the way the gateway does, but with someone else's key. */
    record ForgingCheckpoints(ECKey key) {
        String forge(String node, long seq, String hash) throws Exception {
            var claims = new JWTClaimsSet.Builder()
                    .claim("node", node)
                    .claim("seq", seq)
                    .claim("hash", hash)
                    .issueTime(Date.from(Instant.now()))
                    .build();
            var jws = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jws.sign(new ECDSASigner(key));
            return jws.serialize();
        }
    }
}
