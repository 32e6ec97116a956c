package nl.wams.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.HeldAnswers;
import nl.wams.adapters.PartyAdapter;
import nl.wams.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

class PartyGuardTest {

    /** A party gateway that never answers a poll, counting how often it is asked. */
    static final class DeadPeer implements PartyAdapter, HeldAnswers {
        final AtomicInteger polls = new AtomicInteger();

        @Override
        public AdapterResult fetch(AdapterRequest request) {
            return new AdapterResult.Unreachable("connection refused");
        }

        @Override
        public Optional<HeldAnswers> heldAnswers() {
            return Optional.of(this);
        }

        @Override
        public AdapterResult poll(String statusUrl, String binding, AdapterRequest request) {
            polls.incrementAndGet();
            return new AdapterResult.Unreachable("connection refused");
        }
    }

    static final AdapterRequest QUESTION =
            new AdapterRequest("01a22896-596d-7240-8c25-feaf7e88a442", "onderzoek", List.of(), List.of("bekend-bij"));

    @Test
    void pollsForHeldAnswersGoThroughThePartysCircuitBreaker() {
        DeadPeer peer = new DeadPeer();
        GatewayConfig.Party party = new GatewayConfig.Party(
                "ggz",
                "GGZ Test",
                "00000099000000000101",
                "zorg-ggz",
                List.of("bekend-bij"),
                Duration.ofSeconds(1),
                new GatewayConfig.CircuitBreaker(50, 2, 2, Duration.ofMinutes(5)),
                null);
        PartyGuard guard =
                new PartyGuard(party, peer, Executors.newCachedThreadPool(), (id, transaction, answer, after) -> {});

        for (int i = 0; i < 2; i++) {
            assertThat(guard.poll(peer, "/status", "jws", QUESTION))
                    .isInstanceOfSatisfying(
                            AdapterResult.Unreachable.class,
                            u -> assertThat(u.reason()).isEqualTo("connection refused"));
        }
        AdapterResult third = guard.poll(peer, "/status", "jws", QUESTION);

        assertThat(peer.polls).hasValue(2);
        assertThat(third)
                .isInstanceOfSatisfying(
                        AdapterResult.Unreachable.class,
                        u -> assertThat(u.reason()).startsWith("not asked: circuit breaker open after 2 failed"));
    }
}
