package nl.wams.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditRecord;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.federation.DemoPki;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.StandInWoningcorporatie;
import nl.wams.gateway.support.TestFederation;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway asks a real CXF SOAP endpoint over two-way TLS: typed answers become canonical
 * fields, business faults become outcomes, and without a client certificate the party is not
 * reachable.
 */
class SoapBackendIT {

    @RegisterExtension
    static WireMockExtension hostile = Backends.wireMock();

    @TempDir
    static Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static StandInWoningcorporatie woningcorporatie;
    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        TestFederation pki = TestFederation.create(dir.resolve("pki"));
        woningcorporatie = StandInWoningcorporatie.start(
                dir.resolve("tomcat"),
                pki.file("woonstichting-de-haven-tls.p12"),
                pki.file("trust.p12"),
                DemoPki.PASSWORD);
        String party = """
                  - id: %s
                    name: Woonstichting De Haven
                    oin: "00000099000000000202"
                    domain: wonen
                    categories: [bekend-bij, huurachterstand, overlastmeldingen]
                    adapter:
                      type: soap
                      url: %s
                      trust-store: { path: "%s", password: changeit }
                %s""";
        gateway = TestGateway.start(
                Files.createDirectories(dir.resolve("gw")),
                tokens,
                """
                identity: { oin: "00000099000000000001", name: Testgemeente, roles: [requester] }
                api: { port: 0 }
                authentication: { issuer: "%s", audience: wams-gateway, jwks-file: "${jwks}" }
                catalogue: "${catalogue}"
                purposes:
                  - id: onderzoek
                    phase: onderzoek
                    legal-basis: { id: wmo-onderzoek, text: "Wmo 2015 (Wams): onderzoek" }
                    categories: [bekend-bij, huurachterstand, overlastmeldingen]
                minimisation:
                  onderzoek:
                    bekend-bij: { bekend: keep, sinds: year }
                    huurachterstand: { bedrag: keep, maanden: keep, ontruimingAangezegd: keep }
                    overlastmeldingen: { aantal: keep }
                parties:
                """.formatted(TestTokens.ISSUER)
                        + party.formatted(
                                "woon",
                                woningcorporatie.url(),
                                pki.file("trust.p12"),
                                "      client-key-store: { path: \"" + pki.file("gemeente-tls.p12")
                                        + "\", password: changeit }\n")
                        + party.formatted(
                                "woon-zonder-clientcertificaat", woningcorporatie.url(), pki.file("trust.p12"), "")
                        + """
                  - id: woon-vijandig
                    name: Woonstichting (gekaapt)
                    oin: "00000099000000000203"
                    domain: wonen
                    categories: [bekend-bij, huurachterstand, overlastmeldingen]
                    adapter: { type: soap, url: "http://127.0.0.1:%d/soap" }
                """.formatted(hostile.getPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        woningcorporatie.close();
    }

    static JsonNode ask(String party, String bsn) throws Exception {
        var response = gateway.post("/api/v1/gegevensverzoeken", tokens.coordinator("cw-1"), """
                {"doel":"onderzoek","grondslag":"wmo-onderzoek","fase":"onderzoek","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"Z-SOAP","personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "partijen":[{"partij":"%s","categorieen":["huurachterstand","bekend-bij"]}]}""".formatted(bsn, party));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).at("/resultaten/0");
    }

    @Test
    void typedSoapAnswerBecomesCanonicalFieldsOverTwoWayTls() throws Exception {
        JsonNode result = ask("woon", Household.CLIENT);

        assertThat(result.get("uitkomst").asText()).isEqualTo("VERSTREKT");
        JsonNode data = result.at("/personen/0/gegevens");
        assertThat(data.at("/huurachterstand/bedrag").decimalValue()).isEqualByComparingTo("1250.50");
        assertThat(data.at("/huurachterstand/maanden").asInt()).isEqualTo(3);
        assertThat(data.at("/bekend-bij/sinds").asInt()).isEqualTo(2019);
    }

    @Test
    void refusalFaultOfTheRealEndpointCarriesItsGround() throws Exception {
        JsonNode result = ask("woon", Household.FAMILY_MEMBER);

        assertThat(result.get("uitkomst").asText()).isEqualTo("GEWEIGERD");
        assertThat(result.get("grond").asText()).isEqualTo("ZWAARWEGENDE_REDENEN");
        assertThat(result.get("motivering").asText()).isEqualTo("Lopende procedure; geen verstrekking.");
    }

    @Test
    void unknownTenantIsNotKnown() throws Exception {
        assertThat(ask("woon", Household.STRANGER).get("uitkomst").asText()).isEqualTo("NIET_BEKEND");
    }

    @Test
    void withoutAClientCertificateTheServiceIsNotReachable() throws Exception {
        assertThat(ask("woon-zonder-clientcertificaat", Household.CLIENT)
                        .get("uitkomst")
                        .asText())
                .isEqualTo("NIET_BEREIKBAAR");
    }

    @Test
    void xxeInAnAnswerIsRejectedAndAudited() throws Exception {
        Path secret = Files.writeString(dir.resolve("geheim.txt"), Household.CLIENT);
        hostile.stubFor(WireMock.post("/soap")
                .willReturn(WireMock.aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody("<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                                + "<ns:ZoekHuurdersResponse xmlns:ns=\"urn:voorbeeld:woningcorporatie:huurderinformatie:v1\">"
                                + "<ns:huurder><ns:bsn>&x;</ns:bsn></ns:huurder></ns:ZoekHuurdersResponse>"
                                + "</soap:Body></soap:Envelope>")));

        JsonNode result = ask("woon-vijandig", Household.CLIENT);

        assertThat(result.get("uitkomst").asText()).isEqualTo("ONGELDIG_ANTWOORD");
        var records = new ArrayList<AuditRecord>();
        gateway.bean(AuditStore.class).forEachRecord("test-node", records::add);
        assertThat(records).anySatisfy(r -> {
            assertThat(r.entry().event()).isEqualTo(AuditEvent.ANTWOORD_MISLUKT);
            assertThat(r.entry().partyId()).isEqualTo("woon-vijandig");
            assertThat(r.entry().outcome()).isEqualTo("ONGELDIG_ANTWOORD");
        });
    }
}
