package nl.wams.gateway.minimisation;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.GatewayExtension;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requester asks for health and debt data; the parties answer more than the profile allows; the caller gets less. */
class MinimisationIT {

    @RegisterExtension
    static WireMockExtension ggz = Backends.wireMock();

    @RegisterExtension
    static WireMockExtension schuld = Backends.wireMock();

    static final TestTokens tokens = new TestTokens();

    @RegisterExtension
    @Order(Backends.AFTER_BACKENDS)
    static final GatewayExtension gateway = GatewayExtension.of(
            tokens, () -> TestGateway.requesterHeader() + """
                purposes:
                  - id: onderzoek
                    phase: onderzoek
                    legal-basis: { id: wmo-onderzoek, text: "Wmo 2015 (Wams): onderzoek" }
                    categories: [bekend-bij, ggz-behandeling, schulden, contactprofessional]
                    special-categories-allowed: true
                coarse-tables:
                  zorgsoort:
                    classes: { "klinische opname": ggz-behandeling }
                    fallback: ggz-overig
                minimisation:
                  onderzoek:
                    bekend-bij: { bekend: keep }
                    ggz-behandeling: { inBehandeling: keep, soortZorg: { coarse: zorgsoort }, startdatum: year }
                    schulden: { totaalbedrag: keep, schuldhulpverleningSinds: year }
                    contactprofessional: { naam: keep, telefoon: { mask: 2 } }
                parties:
                  - id: ggz
                    name: GGZ Test
                    oin: "00000099000000000101"
                    domain: zorg-ggz
                    categories: [bekend-bij, ggz-behandeling, contactprofessional]
                    adapter:
                      type: rest
                      url: http://127.0.0.1:%d/ggz
                      mappings:
                        bekend-bij: { bekend: /inZorg }
                        ggz-behandeling: { inBehandeling: /inZorg, soortZorg: /zorgsoort, startdatum: /start, behandelaar: /behandelaar }
                        contactprofessional: { naam: /behandelaar, telefoon: /telefoon }
                  - id: schuld
                    name: Schuld Test
                    oin: "00000099000000000303"
                    domain: sociaal-domein
                    categories: [bekend-bij, schulden]
                    adapter:
                      type: rest
                      url: http://127.0.0.1:%d/schuld
                      mappings:
                        bekend-bij: { bekend: /inTraject }
                        schulden: { totaalbedrag: /totaal, schuldhulpverleningSinds: /start, beslaglegging: /beslag }
                  - id: niet-gevraagd
                    name: Niet Gevraagd
                    oin: "00000099000000000404"
                    domain: welzijn
                    categories: [bekend-bij]
                    adapter:
                      type: rest
                      url: http://127.0.0.1:9/nooit
                      mappings:
                        bekend-bij: { bekend: /x }
                """.formatted(ggz.getPort(), schuld.getPort()));

    @Test
    void partialReleaseListsTheRemovedFieldNamesButNeverTheirValues() throws Exception {
        ggz.stubFor(post("/ggz").willReturn(okJson("""
                {"personen":[{"bsn":"%s","inZorg":true,"zorgsoort":"klinische opname","start":"2025-03-01",
                 "behandelaar":"Dr. Geheimhouder","telefoon":"0612345678"}]}""".formatted(Household.CLIENT))));
        schuld.stubFor(post("/schuld").willReturn(okJson("""
                {"personen":[{"bsn":"%s","inTraject":true,"totaal":18450.0,"start":"2026-01-15"}]}""".formatted(Household.CLIENT))));
        String body = """
                {"doel":"onderzoek","grondslag":"wmo-onderzoek","fase":"onderzoek","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"Z-9","personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "partijen":[{"partij":"ggz","categorieen":["ggz-behandeling","contactprofessional"]},
                             {"partij":"schuld","categorieen":["schulden"]}],
                 "motivering":"Noodzakelijk om samenhang tussen behandeling en schulden te beoordelen."}""".formatted(Household.CLIENT);

        var response = gateway.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode results = new ObjectMapper().readTree(response.body()).get("resultaten");
        JsonNode ggzResult = results.get(0);
        assertThat(ggzResult.get("uitkomst").asText()).isEqualTo("GEDEELTELIJK_VERSTREKT");
        assertThat(ggzResult.get("verwijderdeVelden"))
                .extracting(JsonNode::asText)
                .containsExactly("ggz-behandeling.behandelaar");
        JsonNode data = ggzResult.at("/personen/0/gegevens");
        assertThat(data.at("/ggz-behandeling/soortZorg").asText()).isEqualTo("ggz-behandeling");
        assertThat(data.at("/ggz-behandeling/startdatum").asInt()).isEqualTo(2025);
        assertThat(data.at("/contactprofessional/telefoon").asText()).isEqualTo("********78");
        assertThat(data.at("/contactprofessional/naam").asText()).isEqualTo("Dr. Geheimhouder");
        assertThat(data.get("ggz-behandeling").has("behandelaar")).isFalse();
        JsonNode schuldResult = results.get(1);
        assertThat(schuldResult.get("uitkomst").asText()).isEqualTo("VERSTREKT");
        assertThat(schuldResult
                        .at("/personen/0/gegevens/schulden/schuldhulpverleningSinds")
                        .asInt())
                .isEqualTo(2026);
        assertThat(response.body())
                .doesNotContain("klinische opname")
                .doesNotContain("2025-03-01")
                .doesNotContain("0612345678");
    }
}
