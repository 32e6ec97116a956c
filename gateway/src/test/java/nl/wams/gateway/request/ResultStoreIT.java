package nl.wams.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.wams.adapters.RefusalGround;
import nl.wams.gateway.audit.AuditSetup;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResultStoreIT {

    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    ResultStore store;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:results-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        AuditSetup.migrate(h2);
        store = new ResultStore(h2, clock, Duration.ofMinutes(30));
    }

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
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertThat(store.get(id, "cw-1")).isEmpty();
    }

    @Test
    void aPendingResultIsKeptUntilItCompletesAndCanBeReplaced() throws Exception {
        UUID id = UUID.randomUUID();
        store.put(result(id, "cw-1", Outcome.IN_BEHANDELING));
        clock.now = clock.now.plus(Duration.ofDays(5));
        assertThat(store.get(id)).isPresent();

        store.put(result(id, "cw-1", Outcome.VERSTREKT));

        assertThat(store.get(id).orElseThrow().results().get(0).outcome()).isEqualTo(Outcome.VERSTREKT);
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
