package nl.wams.gateway.requester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.wams.adapters.RefusalGround;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.request.DataRequestResult;
import nl.wams.gateway.request.Outcome;
import nl.wams.gateway.request.PartyResult;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.support.MutableClock;
import nl.wams.gateway.support.TestH2;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class ResultStoreIT {

    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    JdbcDataSource h2 = TestH2.migrated("results");
    ResultStore store = new ResultStore(h2, new DataCipher(new byte[32]), clock, Duration.ofMinutes(30));

    static DataRequestResult result(UUID id, String requester, Outcome outcome) {
        var subject = new DataRequest.Subject("999990019", DataRequest.Role.CLIENT);
        var request = new DataRequest(
                "onderzoek",
                "lb",
                "onderzoek",
                DataRequest.Trigger.HULPVRAAG,
                "Z-1",
                List.of(subject),
                List.of(new DataRequest.PartyQuestion("ggz", List.of("bekend-bij"))),
                null);
        var data = new PartyResult.SubjectData(
                subject, Map.of("bekend-bij", Map.of("bekend", JsonNodeFactory.instance.booleanNode(true))));
        var party = new PartyResult(
                "ggz",
                "GGZ",
                outcome,
                outcome == Outcome.GEWEIGERD ? RefusalGround.BEROEPSGEHEIM : null,
                null,
                null,
                List.of("bekend-bij.sinds"),
                List.of(data));
        return new DataRequestResult(id, requester, Instant.EPOCH, Instant.EPOCH, request, List.of(party));
    }

    @Test
    void aResultReadsBackWholeForItsRequesterOnlyAndOnlyUntilItExpires() throws Exception {
        UUID id = UUID.randomUUID();
        DataRequestResult result = result(id, "cw-1", Outcome.GEWEIGERD);
        store.put(result);

        assertThat(store.get(id, "cw-1")).contains(result);
        assertThat(store.get(id, "cw-2")).isEmpty();
        clock.advance(Duration.ofMinutes(31));
        assertThat(store.get(id, "cw-1")).isEmpty();
    }

    @Test
    void aPendingResultIsKeptUntilItCompletesAndCanBeReplaced() throws Exception {
        UUID id = UUID.randomUUID();
        store.put(result(id, "cw-1", Outcome.IN_BEHANDELING));
        clock.advance(Duration.ofDays(5));
        assertThat(store.get(id)).isPresent();

        store.put(result(id, "cw-1", Outcome.VERSTREKT));

        assertThat(store.get(id).orElseThrow().results().get(0).outcome()).isEqualTo(Outcome.VERSTREKT);
    }

    @Test
    void personalDataIsSealedInTheDatabaseAndTamperingIsDetected() throws Exception {
        UUID id = UUID.randomUUID();
        store.put(result(id, "cw-1", Outcome.VERSTREKT));

        String raw;
        try (var c = h2.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT result FROM request_result")) {
            rs.next();
            raw = rs.getString(1);
        }
        assertThat(raw).doesNotContain("999990019").doesNotContain("bekend-bij");

        try (var c = h2.getConnection();
                var s = c.prepareStatement("UPDATE request_result SET result = ?")) {
            s.setString(1, raw.substring(0, raw.length() - 4) + (raw.endsWith("AAAA") ? "BBBB" : "AAAA"));
            s.executeUpdate();
        }
        assertThatThrownBy(() -> store.get(id)).isInstanceOf(SQLException.class);
    }
}
