package nl.wams.adapters.soap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.RefusalGround;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SOAP adapter against WireMock playing the housing corporation, for answers, faults and attacks. */
class SoapPartyAdapterIT {

    @RegisterExtension
    static WireMockExtension backend = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String CLIENT = "999990019";
    static final String NS = "urn:voorbeeld:woningcorporatie:huurderinformatie:v1";

    static SoapPartyAdapter adapter() {
        return new SoapPartyAdapter(new SoapAdapterSettings(
                URI.create("http://127.0.0.1:" + backend.getPort() + "/soap/huurderinformatie"),
                Duration.ofMillis(800),
                null,
                8192));
    }

    static final AdapterRequest REQUEST = new AdapterRequest(
            "01900000-0000-7000-8000-000000000001",
            "onderzoek",
            List.of(new AdapterRequest.Subject(CLIENT, "CLIENT")),
            List.of("huurachterstand", "bekend-bij"));

    static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }

    static String fault(String detail) {
        return envelope("<soap:Fault><faultcode>soap:Server</faultcode><faultstring>fout</faultstring>"
                + (detail == null ? "" : "<detail>" + detail + "</detail>") + "</soap:Fault>");
    }

    static final String ANSWER = envelope("<ns:ZoekHuurdersResponse xmlns:ns=\"" + NS + "\"><ns:huurder>"
            + "<ns:bsn>" + CLIENT + "</ns:bsn><ns:huurderSinds>2019-06-01</ns:huurderSinds>"
            + "<ns:huurachterstand><ns:bedrag>1250.50</ns:bedrag><ns:maanden>3</ns:maanden>"
            + "<ns:ontruimingAangezegd>false</ns:ontruimingAangezegd></ns:huurachterstand>"
            + "<ns:overlast><ns:aantalMeldingen>2</ns:aantalMeldingen></ns:overlast>"
            + "</ns:huurder></ns:ZoekHuurdersResponse>");

    static void answers(int status, String body) {
        backend.stubFor(post("/soap/huurderinformatie")
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "text/xml; charset=UTF-8")
                        .withBody(body)));
    }

    @Test
    void mapsTheTypedAnswerOntoCanonicalFieldsOfTheAskedCategories() {
        answers(200, ANSWER);

        AdapterResult result = adapter().fetch(REQUEST);

        assertThat(result).isInstanceOfSatisfying(AdapterResult.Answered.class, a -> {
            var subject = a.subjects().get(0);
            assertThat(subject.bsn()).isEqualTo(CLIENT);
            assertThat(subject.categories()).containsOnlyKeys("huurachterstand", "bekend-bij");
            assertThat(subject.categories().get("huurachterstand").get("bedrag").decimalValue())
                    .isEqualByComparingTo("1250.50");
            assertThat(subject.categories().get("bekend-bij").get("sinds").asText())
                    .isEqualTo("2019-06-01");
        });
        backend.verify(postRequestedFor(urlEqualTo("/soap/huurderinformatie"))
                .withRequestBody(containing("<bsn>" + CLIENT + "</bsn>"))
                .withRequestBody(containing("huurachterstand")));
    }

    @Test
    void refusalFaultCarriesItsGround() {
        answers(
                500,
                fault("<ns:Weigering xmlns:ns=\"" + NS + "\"><ns:grond>ZWAARWEGENDE_REDENEN</ns:grond>"
                        + "<ns:motivering>Lopende ontruimingsprocedure.</ns:motivering></ns:Weigering>"));

        assertThat(adapter().fetch(REQUEST))
                .isEqualTo(
                        new AdapterResult.Refused(RefusalGround.ZWAARWEGENDE_REDENEN, "Lopende ontruimingsprocedure."));
    }

    @Test
    void unknownTenantFaultIsNotKnown() {
        answers(
                500,
                fault("<ns:OnbekendeHuurder xmlns:ns=\"" + NS
                        + "\"><ns:melding>onbekend</ns:melding></ns:OnbekendeHuurder>"));

        assertThat(adapter().fetch(REQUEST)).isInstanceOf(AdapterResult.NotKnown.class);
    }

    @Test
    void anyOtherFaultIsInvalid() {
        answers(500, fault(null));

        assertThat(adapter().fetch(REQUEST)).isInstanceOf(AdapterResult.InvalidAnswer.class);
    }

    @Test
    void malformedXmlIsInvalid() {
        answers(200, "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><ns:Zoek");

        assertThat(adapter().fetch(REQUEST)).isInstanceOf(AdapterResult.InvalidAnswer.class);
    }

    @Test
    void xxePayloadIsRejectedAndNothingIsResolved() throws Exception {
        // If the entity were resolved, the answer would be perfectly valid: the file holds the asked BSN.
        Path secret = Files.createTempFile("xxe", ".txt");
        Files.writeString(secret, CLIENT);
        answers(
                200,
                "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                        + ANSWER.replace("<ns:bsn>" + CLIENT + "</ns:bsn>", "<ns:bsn>&xxe;</ns:bsn>"));

        AdapterResult result = adapter().fetch(REQUEST);

        assertThat(result).isInstanceOf(AdapterResult.InvalidAnswer.class);
    }

    @Test
    void oversizedAnswerIsInvalid() {
        answers(200, ANSWER.replace("<ns:huurderSinds>", "<!--" + "x".repeat(20_000) + "--><ns:huurderSinds>"));

        assertThat(adapter().fetch(REQUEST))
                .isInstanceOfSatisfying(
                        AdapterResult.InvalidAnswer.class,
                        i -> assertThat(i.reason()).contains("larger than"));
    }

    @Test
    void slowAnswerResetConnectionAndServerErrorAreUnreachable() {
        backend.stubFor(post("/soap/huurderinformatie")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/xml")
                        .withBody(ANSWER)
                        .withFixedDelay(5_000)));
        assertThat(adapter().fetch(REQUEST)).isInstanceOf(AdapterResult.Unreachable.class);

        backend.stubFor(
                post("/soap/huurderinformatie").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(adapter().fetch(REQUEST)).isInstanceOf(AdapterResult.Unreachable.class);

        backend.stubFor(post("/soap/huurderinformatie")
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html>onderhoud</html>")));
        assertThat(adapter().fetch(REQUEST)).isInstanceOf(AdapterResult.Unreachable.class);
    }

    @Test
    void answerAboutSomeoneNotAskedIsInvalid() {
        answers(200, ANSWER.replace("<ns:bsn>" + CLIENT + "</ns:bsn>", "<ns:bsn>999990044</ns:bsn>"));

        assertThat(adapter().fetch(REQUEST)).isInstanceOf(AdapterResult.InvalidAnswer.class);
    }
}
