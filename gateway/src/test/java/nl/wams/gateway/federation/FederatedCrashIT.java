package nl.wams.gateway.federation;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.cli.CliRunner;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.Polling;
import nl.wams.gateway.support.ProcessFederation;
import nl.wams.gateway.support.ProcessFederation.Database;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The federated path under SIGKILL, with a requester and a provider gateway as real processes over
 * mutual TLS, on H2 and on PostgreSQL: held answers survive a crash of either side and reach their
 * final outcome; a request the provider lost ends; under load with the provider down for 20 s, both
 * logs account for every exchange and the requester never releases what the provider did not send.
 */
class FederatedCrashIT {

    @RegisterExtension
    static WireMockExtension epd = Backends.wireMock();

    @TempDir
    Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static final Duration FINAL_WITHIN = Duration.ofSeconds(60);

    @BeforeEach
    void knownClient() {
        epd.stubFor(post("/epd").willReturn(okJson("""
                {"personen":[{"bsn":"%s","inZorg":true,"behandelaar":"T. Verbeek"}]}""".formatted(Household.CLIENT))));
    }

    static String request(String caseRef, String category) {
        return """
                {"doel":"onderzoek","grondslag":"wmo-onderzoek","fase":"onderzoek","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"%s","personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "partijen":[{"partij":"ggz","categorieen":["%s"]}],
                 "motivering":"Noodzakelijk om de behandeling af te stemmen met de schuldhulp."}""".formatted(caseRef, Household.CLIENT, category);
    }

    /** Five requests the GGZ professional must review: each answered 202, IN_BEHANDELING. */
    static List<String> fiveHeld(ProcessFederation federation) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = federation.ask(request("Z-CRASH-" + i, "contactprofessional"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            ids.add(JSON.readTree(response.body()).get("id").asText());
        }
        return ids;
    }

    static void decide(ProcessFederation federation, String id, boolean release) throws Exception {
        String decision = release
                ? "{\"besluit\":\"VRIJGEVEN\",\"categorieen\":[\"contactprofessional\"]}"
                : "{\"besluit\":\"WEIGEREN\",\"grond\":\"BEROEPSGEHEIM\",\"motivering\":\"De behandelrelatie weegt zwaarder.\"}";
        String review = federation.reviewId(id);
        assertThat(review).as("review of " + id).isNotNull();
        JsonNode decided = federation.reviewer("POST", "/api/v1/beoordelingen/" + review + "/besluit", decision);
        assertThat(decided.get("status").asInt()).as(decided.toString()).isEqualTo(200);
    }

    /** The party's final result of each request, waiting (bounded) until none is IN_BEHANDELING. */
    static Map<String, JsonNode> finalResults(ProcessFederation federation, List<String> ids) throws Exception {
        Map<String, JsonNode> results = new HashMap<>();
        Polling.until(FINAL_WITHIN, "every request reaches its final outcome", () -> {
            for (String id : ids) {
                JsonNode result = federation.result(id).at("/resultaten/0");
                if (!result.isMissingNode()
                        && !"IN_BEHANDELING".equals(result.path("uitkomst").asText())) {
                    results.put(id, result);
                }
            }
            return results.size() == ids.size();
        });
        return results;
    }

    /** Both audit chains verify once both processes are gone. */
    static void bothChainsVerify(ProcessFederation federation) {
        federation.killBoth();
        for (Path config : List.of(federation.requesterConfig(), federation.providerConfig())) {
            var verify = CliRunner.run("audit", "verify", "--config", config.toString());
            assertThat(verify.code())
                    .as(config + ": " + verify.out() + verify.err())
                    .isZero();
            assertThat(verify.out()).contains("INTACT");
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void heldAnswersSurviveAKilledRequesterAndReachTheirFinalOutcome(Database database) throws Exception {
        try (ProcessFederation federation = ProcessFederation.start(dir, tokens, database, epd.getPort())) {
            List<String> ids = fiveHeld(federation);

            federation.killRequester();
            // The professional decides while the municipality's gateway is down.
            for (int i = 0; i < ids.size(); i++) {
                decide(federation, ids.get(i), i < 3);
            }
            federation.startRequester();

            Map<String, JsonNode> results = finalResults(federation, ids);
            for (int i = 0; i < ids.size(); i++) {
                JsonNode result = results.get(ids.get(i));
                if (i < 3) {
                    assertThat(result.get("uitkomst").asText()).isEqualTo("VERSTREKT");
                    assertThat(result.at("/personen/0/gegevens/contactprofessional/naam")
                                    .asText())
                            .isEqualTo("T. Verbeek");
                } else {
                    assertThat(result.get("uitkomst").asText()).isEqualTo("GEWEIGERD");
                    assertThat(result.get("grond").asText()).isEqualTo("BEROEPSGEHEIM");
                }
            }
            bothChainsVerify(federation);
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void reviewsSurviveAKilledProviderAndARequestItLostEnds(Database database) throws Exception {
        try (ProcessFederation federation = ProcessFederation.start(dir, tokens, database, epd.getPort())) {
            List<String> ids = fiveHeld(federation);

            federation.killProvider(); // right after it accepted the requests
            federation.forgetReviewOf(ids.get(4)); // and one of them is lost
            federation.startProvider();

            for (int i = 0; i < 4; i++) {
                decide(federation, ids.get(i), i < 2);
            }
            Map<String, JsonNode> results = finalResults(federation, ids);
            assertThat(results.get(ids.get(0)).get("uitkomst").asText()).isEqualTo("VERSTREKT");
            assertThat(results.get(ids.get(1)).get("uitkomst").asText()).isEqualTo("VERSTREKT");
            assertThat(results.get(ids.get(2)).get("uitkomst").asText()).isEqualTo("GEWEIGERD");
            assertThat(results.get(ids.get(3)).get("uitkomst").asText()).isEqualTo("GEWEIGERD");
            JsonNode lost = results.get(ids.get(4));
            assertThat(lost.get("uitkomst").asText()).isEqualTo("NIET_BEANTWOORD");
            assertThat(lost.get("toelichting").asText()).contains("no longer knows this request (HTTP 404");

            bothChainsVerify(federation);
            assertThat(federation.requesterLog())
                    .filteredOn(e -> ids.get(4).equals(e.transactionId()) && e.event() == AuditEvent.ANTWOORD_MISLUKT)
                    .singleElement()
                    .satisfies(e -> assertThat(e.outcome()).isEqualTo("NIET_BEANTWOORD"));
        }
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void underLoadWithTheProviderDownFor20SecondsBothLogsAccountForEveryExchange(Database database) throws Exception {
        try (ProcessFederation federation = ProcessFederation.start(dir, tokens, database, epd.getPort())) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger released = new AtomicInteger();
            AtomicInteger unreachable = new AtomicInteger();
            Set<String> answered = ConcurrentHashMap.newKeySet();
            ExecutorService load = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                load.submit(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<String> response = federation.ask(request("Z-LOAD", "bekend-bij"));
                            if (response.statusCode() == 201) {
                                JsonNode body = JSON.readTree(response.body());
                                answered.add(body.get("id").asText());
                                String outcome =
                                        body.at("/resultaten/0/uitkomst").asText();
                                (outcome.equals("VERSTREKT") ? released : unreachable).incrementAndGet();
                            }
                        } catch (Exception e) {
                            // the requester is never killed here; a failed call is just not counted
                        }
                    }
                    return null;
                });
            }
            Polling.until(Duration.ofSeconds(60), "answers flow", () -> released.get() >= 20);

            federation.killProvider();
            int releasedBefore = released.get();
            // The outage itself is the scenario: 20 s of load against a dead provider.
            long outageEnds = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < outageEnds) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
            assertThat(unreachable.get()).as("the outage was seen").isPositive();
            federation.startProvider();
            Polling.until(Duration.ofSeconds(60), "answers flow again", () -> released.get() >= releasedBefore + 20);
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            federation.killBoth();

            Map<String, List<AuditEntry>> asked = byTransaction(federation.requesterLog());
            Map<String, List<AuditEntry>> provided = byTransaction(federation.providerLog());
            assertThat(asked.keySet()).containsAll(answered);
            for (var exchange : asked.entrySet()) {
                List<AuditEntry> requester = exchange.getValue();
                List<AuditEntry> provider = provided.getOrDefault(exchange.getKey(), List.of());
                if (!has(requester, AuditEvent.VERZOEK_VERZONDEN)) {
                    continue;
                }
                // Every exchange the requester started is closed, with an outcome for the party.
                AuditEntry closing = requester.stream()
                        .filter(e -> "ggz".equals(e.partyId()) && closes(e.event()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no closing record: " + exchange.getKey()));
                if (closing.event() == AuditEvent.ANTWOORD_ONTVANGEN) {
                    // Data released to the municipality was sent by the provider, by its own log.
                    assertThat(provider)
                            .as("provider record of what the requester released, " + exchange.getKey())
                            .anySatisfy(p -> {
                                assertThat(p.event()).isEqualTo(AuditEvent.PEER_ANTWOORD_VERSTUURD);
                                assertThat(p.outcome()).isEqualTo(closing.outcome());
                            });
                } else {
                    assertThat(closing.event()).isEqualTo(AuditEvent.ANTWOORD_MISLUKT);
                    assertThat(closing.outcome()).isEqualTo("NIET_BEREIKBAAR");
                }
            }
            Set<String> providerUnclosed = new HashSet<>();
            for (var exchange : provided.entrySet()) {
                List<AuditEntry> provider = exchange.getValue();
                List<AuditEntry> requester = asked.getOrDefault(exchange.getKey(), List.of());
                // Every request the provider received was sent by the requester.
                assertThat(has(requester, AuditEvent.VERZOEK_VERZONDEN))
                        .as("requester record of " + exchange.getKey())
                        .isTrue();
                boolean providerClosed = has(provider, AuditEvent.PEER_ANTWOORD_VERSTUURD)
                        || has(provider, AuditEvent.PEER_VERZOEK_AFGEBROKEN);
                boolean requesterGotIt = requester.stream().anyMatch(e -> e.event() == AuditEvent.ANTWOORD_ONTVANGEN);
                if (!providerClosed) {
                    // Only an exchange cut by the kill: the requester says it got no answer.
                    providerUnclosed.add(exchange.getKey());
                    assertThat(requesterGotIt)
                            .as("answered without a provider record: " + exchange.getKey())
                            .isFalse();
                } else if (has(provider, AuditEvent.PEER_ANTWOORD_VERSTUURD) && !requesterGotIt) {
                    // Sent but not received: the requester says why (unreachable or late).
                    assertThat(requester)
                            .anyMatch(e -> e.event() == AuditEvent.ANTWOORD_MISLUKT
                                    || e.event() == AuditEvent.ANTWOORD_TE_LAAT);
                }
            }
            // Only the requests in flight at the moment of the kill (four clients) can be cut.
            assertThat(providerUnclosed.size()).isLessThanOrEqualTo(4);
        }
    }

    static boolean closes(AuditEvent event) {
        return event == AuditEvent.ANTWOORD_ONTVANGEN
                || event == AuditEvent.ANTWOORD_GEWEIGERD
                || event == AuditEvent.ANTWOORD_MISLUKT;
    }

    static boolean has(List<AuditEntry> entries, AuditEvent event) {
        return entries.stream().anyMatch(e -> e.event() == event);
    }

    /**
     * The records of each exchange, by transaction id. A witnessed checkpoint of the other gateway
     * is a record of its own, not part of an exchange, so it is left out.
     */
    static Map<String, List<AuditEntry>> byTransaction(List<AuditEntry> entries) {
        Map<String, List<AuditEntry>> byId = new HashMap<>();
        entries.stream()
                .filter(e -> e.event() != AuditEvent.CONTROLEPUNT_GETUIGD)
                .forEach(e -> byId.computeIfAbsent(e.transactionId(), k -> new ArrayList<>())
                        .add(e));
        return byId;
    }
}
