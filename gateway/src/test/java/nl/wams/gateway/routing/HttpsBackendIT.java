package nl.wams.gateway.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import nl.wams.gateway.federation.DemoPki;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.TestFederation;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestPkiDir;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A party backend over HTTPS: with the backend's certificate in the party's configured trust
 * store the answer arrives; without it (JVM default trust) the party is not reachable.
 */
class HttpsBackendIT {

    static final TestFederation PKI = TestFederation.createUnchecked(TestPkiDir.create());

    @RegisterExtension
    static WireMockExtension backend = WireMockExtension.newInstance()
            .options(wireMockConfig()
                    .dynamicPort()
                    .dynamicHttpsPort()
                    .keystorePath(PKI.file("woonstichting-de-haven-tls.p12").toString())
                    .keystorePassword(DemoPki.PASSWORD)
                    .keyManagerPassword(DemoPki.PASSWORD)
                    .keystoreType("PKCS12"))
            .build();

    @TempDir
    static Path dir;

    static final TestTokens tokens = new TestTokens();
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Path trustStore = PKI.file("trust.p12");
        String party = """
                  - id: %s
                    name: %s
                    oin: "%s"
                    domain: wonen
                    categories: [bekend-bij]
                    adapter:
                      type: rest
                      url: https://127.0.0.1:%d/woon
                %s
                      mappings:
                        bekend-bij: { bekend: /huurder }
                """;
        gateway = TestGateway.start(
                dir,
                tokens,
                TestGateway.verkenningRequester()
                        + "parties:\n"
                        + party.formatted(
                                "vertrouwd",
                                "Vertrouwd",
                                "00000099000000000202",
                                backend.getHttpsPort(),
                                "      trust-store: { path: \"" + trustStore + "\", password: " + DemoPki.PASSWORD
                                        + " }")
                        + party.formatted(
                                "onbekend-cert", "Onbekend", "00000099000000000203", backend.getHttpsPort(), "")
                        // A third party, not asked: asking every configured party at once is a bulk request.
                        + party.formatted("derde", "Derde", "00000099000000000204", backend.getHttpsPort(), ""));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void configuredTrustReachesTheBackendAndDefaultTrustDoesNot() throws Exception {
        backend.stubFor(post("/woon")
                .willReturn(okJson("{\"personen\":[{\"bsn\":\"" + Household.CLIENT + "\",\"huurder\":true}]}")));
        String body = """
                {"doel":"verkenning","grondslag":"wmo-verkenning","fase":"verkenning","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"Z-1","personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "partijen":[{"partij":"vertrouwd","categorieen":["bekend-bij"]},
                             {"partij":"onbekend-cert","categorieen":["bekend-bij"]}]}""".formatted(Household.CLIENT);

        var response = gateway.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode results = new ObjectMapper().readTree(response.body()).get("resultaten");
        assertThat(results.get(0).get("uitkomst").asText())
                .as(results.toString())
                .isEqualTo("VERSTREKT");
        assertThat(results.get(1).get("uitkomst").asText()).isEqualTo("NIET_BEREIKBAAR");
    }
}
