package nl.wams.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.util.List;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;

class CheckpointKeyRolloverTest {

    @Test
    void checkpointsOfAPreviousKeyVerifyAfterTheRolloverAndOnlyWhileThatKeyIsConfigured() {
        ECKey before = TestTokens.newKey("audit-2025");
        ECKey after = TestTokens.newKey("audit-2026");
        AuditStore.StoredCheckpoint old =
                new Checkpoints(before).sign("gemeente-1", 10, "ab".repeat(32), Instant.parse("2026-01-01T00:00:00Z"));
        AuditStore.StoredCheckpoint recent =
                new Checkpoints(after).sign("gemeente-1", 20, "cd".repeat(32), Instant.parse("2026-11-30T00:00:00Z"));

        Checkpoints rolled = new Checkpoints(after, List.of(before.toPublicJWK()));
        assertThat(rolled.problem(old)).isEmpty();
        assertThat(rolled.problem(recent)).isEmpty();
        assertThat(new Checkpoints(after).problem(old)).hasValue("signature does not verify with the audit key");
    }
}
