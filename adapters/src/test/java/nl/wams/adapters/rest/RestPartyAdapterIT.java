package nl.wams.adapters.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.FieldMapping;
import nl.wams.adapters.FieldType;
import nl.wams.adapters.RefusalGround;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST adapter against WireMock standing in for a party backend, over HTTP and HTTPS. */
class RestPartyAdapterIT {

    static final String CLIENT = "999990019";
    static final String STRANGER = "999990044";
    static final String STOREPASS = "changeit";

    /** Created before the WireMock extension below needs the keystore (static initialisation order). */
    static final Path pki = newTempDir();

    static Path newTempDir() {
        try {
            Path dir = Files.createTempDirectory("rest-adapter-pki");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @RegisterExtension
    static WireMockExtension backend = WireMockExtension.newInstance()
            .options(wireMockConfig()
                    .dynamicPort()
                    .dynamicHttpsPort()
                    .keystorePath(keystore().toString())
                    .keystorePassword(STOREPASS)
                    .keyManagerPassword(STOREPASS)
                    .keystoreType("PKCS12"))
            .build();

    /** A backend server key pair made with the JDK's keytool, so the test needs no fixed files. */
    static Path keystore() {
        try {
            Path server = pki.resolve("server.p12");
            if (!Files.exists(server)) {
                keytool(
                        "-genkeypair",
                        "-alias",
                        "backend",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost, O=Woonstichting Test",
                        "-ext",
                        "san=ip:127.0.0.1,dns:localhost",
                        "-validity",
                        "2",
                        "-keystore",
                        server.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        STOREPASS);
                keytool(
                        "-exportcert",
                        "-alias",
                        "backend",
                        "-keystore",
                        server.toString(),
                        "-storepass",
                        STOREPASS,
                        "-file",
                        pki.resolve("backend.cer").toString());
                keytool(
                        "-importcert",
                        "-noprompt",
                        "-alias",
                        "backend",
                        "-file",
                        pki.resolve("backend.cer").toString(),
                        "-keystore",
                        pki.resolve("trust.p12").toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        STOREPASS);
            }
            return server;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    static SSLContext trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.resolve("trust.p12"))) {
            trust.load(in, STOREPASS.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    static RestPartyAdapter adapter(String url, SSLContext ssl, long maxBytes) {
        return new RestPartyAdapter(new RestAdapterSettings(
                URI.create(url),
                Duration.ofMillis(800),
                ssl,
                maxBytes,
                JsonPointer.compile("/personen"),
                JsonPointer.compile("/bsn"),
                JsonPointer.compile("/weigering/grond"),
                JsonPointer.compile("/weigering/motivering"),
                List.of(
                        new FieldMapping(
                                "huurachterstand",
                                "bedrag",
                                JsonPointer.compile("/achterstand/bedrag"),
                                FieldType.NUMBER),
                        new FieldMapping(
                                "huurachterstand",
                                "maanden",
                                JsonPointer.compile("/achterstand/maanden"),
                                FieldType.INTEGER),
                        new FieldMapping(
                                "overlastmeldingen",
                                "aantal",
                                JsonPointer.compile("/overlast/aantal"),
                                FieldType.INTEGER))));
    }

    static RestPartyAdapter http() {
        return adapter("http://127.0.0.1:" + backend.getPort() + "/huurders", null, 4096);
    }

    static final AdapterRequest REQUEST = new AdapterRequest(
            "01900000-0000-7000-8000-000000000001",
            "onderzoek",
            List.of(new AdapterRequest.Subject(CLIENT, "CLIENT")),
            List.of("huurachterstand"));

    static final String ANSWER = """
            {"personen":[{"bsn":"%s","achterstand":{"bedrag":812.5,"maanden":2},"overlast":{"aantal":4},"iban":"NL00TEST0123456789"}]}""".formatted(CLIENT);

    @BeforeAll
    static void ready() {
        assertThat(Files.exists(pki.resolve("trust.p12"))).isTrue();
    }

    @Test
    void mapsOnlyTheAskedCategoriesConfiguredFields() {
        backend.stubFor(post("/huurders").willReturn(okJson(ANSWER)));

        AdapterResult result = http().fetch(REQUEST);

        assertThat(result).isInstanceOfSatisfying(AdapterResult.Answered.class, a -> {
            assertThat(a.subjects()).singleElement().satisfies(s -> {
                assertThat(s.bsn()).isEqualTo(CLIENT);
                assertThat(s.categories()).containsOnlyKeys("huurachterstand");
                assertThat(s.categories().get("huurachterstand")).containsOnlyKeys("bedrag", "maanden");
            });
        });
        backend.verify(postRequestedFor(urlEqualTo("/huurders"))
                .withHeader("Fsc-Transaction-Id", equalTo(REQUEST.transactionId())));
    }

    @Test
    void httpsWithTheConfiguredTrustWorks() throws Exception {
        backend.stubFor(post("/huurders").willReturn(okJson(ANSWER)));

        AdapterResult result = adapter("https://127.0.0.1:" + backend.getHttpsPort() + "/huurders", trusting(), 4096)
                .fetch(REQUEST);

        assertThat(result).isInstanceOf(AdapterResult.Answered.class);
    }

    /**
     * The HTTP client does its own work (TLS, handing over the answer) on its selector thread: an
     * exchange over HTTPS starts none of the JDK client's worker threads ({@code PartyHttp.client}).
     */
    @Test
    void anHttpsExchangeStartsNoWorkerThreadsOfTheHttpClient() throws Exception {
        backend.stubFor(post("/huurders").willReturn(okJson(ANSWER)));
        Set<String> before = httpClientWorkers();

        AdapterResult result = adapter("https://127.0.0.1:" + backend.getHttpsPort() + "/huurders", trusting(), 4096)
                .fetch(REQUEST);

        assertThat(result).isInstanceOf(AdapterResult.Answered.class);
        assertThat(httpClientWorkers()).isSubsetOf(before);
    }

    private static Set<String> httpClientWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.matches("HttpClient-\\d+-Worker-\\d+"))
                .collect(Collectors.toSet());
    }

    @Test
    void httpsWithoutTrustInTheBackendIsUnreachable() {
        backend.stubFor(post("/huurders").willReturn(okJson(ANSWER)));

        AdapterResult result = adapter("https://127.0.0.1:" + backend.getHttpsPort() + "/huurders", null, 4096)
                .fetch(REQUEST);

        assertThat(result).isInstanceOf(AdapterResult.Unreachable.class);
    }

    @Test
    void oversizedAnswerIsInvalid() {
        backend.stubFor(post("/huurders").willReturn(okJson("{\"personen\":[],\"pad\":\"" + "x".repeat(5000) + "\"}")));

        assertThat(http().fetch(REQUEST))
                .isInstanceOfSatisfying(
                        AdapterResult.InvalidAnswer.class,
                        i -> assertThat(i.reason()).contains("larger than 4096"));
    }

    @Test
    void answerThatIsNotJsonIsInvalid() {
        backend.stubFor(post("/huurders")
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html/>")));

        assertThat(http().fetch(REQUEST)).isInstanceOf(AdapterResult.InvalidAnswer.class);
    }

    @Test
    void forbiddenWithoutAGroundIsInvalidAndWithAGroundIsARefusal() {
        backend.stubFor(post("/huurders")
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{}")));
        assertThat(http().fetch(REQUEST)).isInstanceOf(AdapterResult.InvalidAnswer.class);

        backend.stubFor(post("/huurders")
                .willReturn(okJson(
                        "{\"weigering\":{\"grond\":\"ZWAARWEGENDE_REDENEN\",\"motivering\":\"Lopend onderzoek.\"}}")));
        assertThat(http().fetch(REQUEST))
                .isEqualTo(new AdapterResult.Refused(RefusalGround.ZWAARWEGENDE_REDENEN, "Lopend onderzoek."));
    }

    @Test
    void otherClientErrorsAreInvalidAndServerErrorsUnreachable() {
        backend.stubFor(post("/huurders").willReturn(aResponse().withStatus(400)));
        assertThat(http().fetch(REQUEST)).isInstanceOf(AdapterResult.InvalidAnswer.class);

        backend.stubFor(post("/huurders").willReturn(aResponse().withStatus(502)));
        assertThat(http().fetch(REQUEST)).isInstanceOf(AdapterResult.Unreachable.class);
    }

    @Test
    void slowAnswerIsUnreachable() {
        backend.stubFor(post("/huurders").willReturn(okJson(ANSWER).withFixedDelay(5_000)));

        assertThat(http().fetch(REQUEST))
                .isInstanceOfSatisfying(
                        AdapterResult.Unreachable.class,
                        u -> assertThat(u.reason()).contains("800 ms"));
    }

    @Test
    void subjectNotAskedMakesTheWholeAnswerInvalid() {
        backend.stubFor(post("/huurders").willReturn(okJson("{\"personen\":[{\"bsn\":\"" + STRANGER + "\"}]}")));

        assertThat(http().fetch(REQUEST)).isInstanceOf(AdapterResult.InvalidAnswer.class);
    }

    @Test
    void missingSubjectListIsInvalid() {
        backend.stubFor(post("/huurders").willReturn(okJson("{\"huurders\":[]}")));

        assertThat(http().fetch(REQUEST)).isInstanceOf(AdapterResult.InvalidAnswer.class);
    }

    @Test
    void redirectsAreNotFollowed() {
        backend.stubFor(post("/huurders")
                .willReturn(aResponse().withStatus(302).withHeader("Location", "http://127.0.0.1:1/elders")));

        assertThat(http().fetch(REQUEST)).isInstanceOf(AdapterResult.InvalidAnswer.class);
    }

    @Test
    void printedValuesNeverShowTheBsn() {
        assertThat(REQUEST.subjects().toString()).doesNotContain(CLIENT);
        assertThat(new AdapterResult.SubjectData(CLIENT, Map.of()).toString()).doesNotContain(CLIENT);
    }
}
