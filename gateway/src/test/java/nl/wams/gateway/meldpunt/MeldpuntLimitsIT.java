package nl.wams.gateway.meldpunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import nl.wams.gateway.support.GatewayExtension;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flood of signals: the queue of signals waiting for assessment is bounded (429 meldpunt-vol
 * with Retry-After, for citizens and professionals alike), one address may make only so many
 * submissions and lookups (429 te-veel-meldingen), and assessment work goes on meanwhile; what
 * was taken in stays. A gateway without a reporting point answers 404 on its paths.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MeldpuntLimitsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();

    @RegisterExtension
    static GatewayExtension gateway = GatewayExtension.of(tokens, () -> TestGateway.verkenningRequester() + """
            parties: []
            meldpunt:
              legal-basis: { id: wmo-meldpunt, text: "Wmo 2015 (Wams): meldpunt" }
              max-open: 2
              rate-limit: { requests: 3, per: 1h }
            """);

    @RegisterExtension
    static GatewayExtension without =
            GatewayExtension.of(tokens, () -> TestGateway.verkenningRequester() + "parties: []\n");

    static final String SIGNAL = "{\"zorgen\":\"Zorgen om de buurman\"}";

    static HttpResponse<String> publicPost(GatewayExtension g, String body) throws Exception {
        return g.send(HttpRequest.newBuilder(g.uri("/api/v1/meldpunt/meldingen"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    @Test
    @Order(1)
    void aFullQueueAndAFloodFromOneAddressAreRefusedWith429AndNothingTakenInIsLost() throws Exception {
        String first = JSON.readTree(publicPost(gateway, SIGNAL).body())
                .get("referentie")
                .asText();
        assertThat(publicPost(gateway, SIGNAL).statusCode()).isEqualTo(201);

        HttpResponse<String> full = publicPost(gateway, SIGNAL);
        assertThat(full.statusCode()).isEqualTo(429);
        assertThat(full.headers().firstValue("Retry-After")).hasValue("600");
        assertThat(full.body()).contains("meldpunt-vol", "112");
        String professional =
                "{\"zorgen\":\"Zorgen om een patiënt\",\"melder\":{\"organisatie\":\"Huisartsenpraktijk\"}}";
        assertThat(gateway.post("/api/v1/meldpunt/beroepsmeldingen", tokens.withRoles("ha", "melder"), professional)
                        .body())
                .contains("meldpunt-vol");

        HttpResponse<String> flood = publicPost(gateway, SIGNAL);
        assertThat(flood.statusCode()).isEqualTo(429);
        assertThat(flood.body()).contains("te-veel-meldingen").doesNotContain("Zorgen");
        assertThat(Long.parseLong(flood.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 3600L);
        HttpResponse<String> lookup =
                gateway.send(HttpRequest.newBuilder(gateway.uri("/api/v1/meldpunt/meldingen/" + first + "/status"))
                        .GET()
                        .build());
        assertThat(lookup.statusCode()).isEqualTo(429);

        String staff = tokens.withRoles("mp", "meldpunt");
        JsonNode list =
                JSON.readTree(gateway.get("/api/v1/meldpunt/signalen", staff).body());
        assertThat(list.get("meldingen")).hasSize(2);
        assertThat(gateway.post(
                                "/api/v1/meldpunt/signalen/" + first + "/beoordeling",
                                staff,
                                "{\"urgentie\":\"LAAG\",\"levensdomeinen\":[\"WELZIJN\"]}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(gateway.post("/api/v1/meldpunt/beroepsmeldingen", tokens.withRoles("ha", "melder"), professional)
                        .statusCode())
                .isEqualTo(201);

        // The metric counts every outcome above (never who): two public and one professional taken
        // in, both refusals of the full queue, the flood and the lookup refused by the rate limit.
        MeterRegistry registry = gateway.bean(MeterRegistry.class);
        assertThat(intake(registry, "accepted")).isEqualTo(3);
        assertThat(intake(registry, "queue_full")).isEqualTo(2);
        assertThat(intake(registry, "rate_limited")).isEqualTo(2);
        assertThat(intake(registry, "honeypot")).isZero();
        assertThat(registry.find("wams_meldpunt_intake").meters())
                .allSatisfy(m ->
                        assertThat(m.getId().getTags()).extracting(Tag::getKey).containsExactly("outcome"));
    }

    static double intake(MeterRegistry registry, String outcome) {
        return registry.get("wams_meldpunt_intake")
                .tag("outcome", outcome)
                .functionCounter()
                .count();
    }

    @Test
    @Order(2)
    void aGatewayWithoutAReportingPointAnswers404() throws Exception {
        HttpResponse<String> response = publicPost(without, SIGNAL);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("geen meldpunt");
    }
}
