package nl.wams.gateway.api;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.web.FilterChainProxy;

/**
 * Every kind of bad request gets its exact status and problem {@code type}, never a 500, and no
 * party backend is ever called for it.
 */
class BadRequestsIT {

    @RegisterExtension
    static WireMockExtension backend = Backends.wireMock();

    @TempDir
    static Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static TestGateway gateway;

    static final String TYPE = "https://wams-gateway.example/problemen/";
    static final String PATH = "/api/v1/gegevensverzoeken";

    @BeforeAll
    static void startGateway() throws Exception {
        gateway =
                TestGateway.start(dir, tokens, """
                identity: { oin: "00000099000000000001", name: Testgemeente, roles: [requester] }
                api: { port: 0, max-request-bytes: 4096 }
                authentication: { issuer: "%s", audience: wams-gateway, jwks-file: "${jwks}" }
                catalogue: "${catalogue}"
                # Strict bulk limits for this two-party test configuration (the defaults allow both).
                collection-rules: { every-party-refused-from: 2, every-category-refused-from: 2 }
                purposes:
                  - id: verkenning
                    phase: verkenning
                    legal-basis: { id: wmo-verkenning, text: "Wmo 2015 (Wams): verkenning" }
                    categories: [bekend-bij, contactprofessional]
                  - id: onderzoek
                    phase: onderzoek
                    legal-basis: { id: wmo-onderzoek, text: "Wmo 2015 (Wams): onderzoek" }
                    categories: [bekend-bij, schulden, ggz-behandeling]
                    special-categories-allowed: true
                  - id: aanpak
                    phase: aanpak
                    legal-basis: { id: wmo-aanpak, text: "Wmo 2015 (Wams): aanpak" }
                    categories: [bekend-bij]
                    motivation-required: true
                minimisation:
                  verkenning:
                    bekend-bij: { bekend: keep }
                    contactprofessional: { naam: keep }
                  onderzoek:
                    bekend-bij: { bekend: keep }
                    schulden: { totaalbedrag: keep }
                    ggz-behandeling: { inBehandeling: keep }
                  aanpak:
                    bekend-bij: { bekend: keep }
                parties:
                  - id: ggz
                    name: GGZ Test
                    oin: "00000099000000000101"
                    domain: zorg-ggz
                    categories: [bekend-bij, schulden, ggz-behandeling, justitiele-gegevens]
                    adapter:
                      type: rest
                      url: http://127.0.0.1:%d/ggz
                      mappings:
                        bekend-bij: { bekend: /bekend }
                        schulden: { totaalbedrag: /schuld }
                        ggz-behandeling: { inBehandeling: /inZorg }
                        justitiele-gegevens: { lopendeMaatregel: /maatregel }
                  - id: woon
                    name: Woon Test
                    oin: "00000099000000000202"
                    domain: wonen
                    categories: [bekend-bij, schulden]
                    adapter:
                      type: rest
                      url: http://127.0.0.1:%d/woon
                      mappings:
                        bekend-bij: { bekend: /bekend }
                        schulden: { totaalbedrag: /schuld }
                """.formatted(TestTokens.ISSUER, backend.getPort(), backend.getPort()));
        backend.stubFor(post("/ggz").willReturn(okJson("{\"personen\":[]}")));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @AfterEach
    void noPartyWasAsked() {
        assertThat(backend.getAllServeEvents())
                .as("a refused request must not reach any party")
                .isEmpty();
    }

    /** A valid request, as a template the cases below break in one way each. */
    static String valid(Function<String, String> change) {
        String body = """
                {"doel":"verkenning","grondslag":"wmo-verkenning","fase":"verkenning","aanleiding":"HULPVRAAG",
                 "zaakkenmerk":"ZAAK-1",
                 "personen":[{"bsn":"%s","rol":"CLIENT"}],
                 "partijen":[{"partij":"ggz","categorieen":["bekend-bij"]}]}""".formatted(Household.CLIENT);
        return change.apply(body);
    }

    static final String MOTIVATION = "Noodzakelijk om samenhang met schulden en huurachterstand te beoordelen.";

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"doel\": ", 400, "ongeldig-verzoek"),
                Arguments.of("empty body", "", 400, "ongeldig-verzoek"),
                Arguments.of("JSON array instead of object", "[]", 400, "ongeldig-verzoek"),
                Arguments.of(
                        "unknown field",
                        valid(b -> b.replace("\"doel\"", "\"extra\":1,\"doel\"")),
                        400,
                        "ongeldig-verzoek"),
                Arguments.of(
                        "personen is a string",
                        valid(b -> b.replaceFirst("\\[\\{\"bsn\"[^]]*]", "\"iedereen\"")),
                        400,
                        "ongeldig-verzoek"),
                Arguments.of(
                        "bsn as a number",
                        valid(b -> b.replace("\"" + Household.CLIENT + "\"", Household.CLIENT)),
                        400,
                        "ongeldig-verzoek"),
                Arguments.of(
                        "unknown trigger", valid(b -> b.replace("HULPVRAAG", "NIEUWSGIER")), 400, "ongeldig-verzoek"),
                Arguments.of("unknown role", valid(b -> b.replace("CLIENT", "BUURMAN")), 400, "ongeldig-verzoek"),
                Arguments.of(
                        "missing purpose",
                        valid(b -> b.replace("\"doel\":\"verkenning\",", "")),
                        400,
                        "ongeldig-verzoek"),
                Arguments.of(
                        "missing subjects",
                        valid(b -> b.replaceFirst("\"personen\":\\[[^]]*],", "")),
                        400,
                        "ongeldig-verzoek"),
                Arguments.of(
                        "no subjects",
                        valid(b -> b.replaceFirst("\"personen\":\\[[^]]*]", "\"personen\":[]")),
                        400,
                        "ongeldig-verzoek"),
                Arguments.of(
                        "bad BSN (11-test)",
                        valid(b -> b.replace(Household.CLIENT, Household.INVALID)),
                        400,
                        "ongeldig-bsn"),
                Arguments.of(
                        "BSN of 8 digits", valid(b -> b.replace(Household.CLIENT, "12345678")), 400, "ongeldig-bsn"),
                Arguments.of(
                        "same person twice",
                        valid(b -> b.replace(
                                "{\"bsn\":\"" + Household.CLIENT + "\",\"rol\":\"CLIENT\"}",
                                "{\"bsn\":\"" + Household.CLIENT + "\",\"rol\":\"CLIENT\"},{\"bsn\":\""
                                        + Household.CLIENT + "\",\"rol\":\"GEZINSLID\"}")),
                        400,
                        "dubbele-persoon"),
                Arguments.of(
                        "unknown purpose",
                        valid(b -> b.replace("\"doel\":\"verkenning\"", "\"doel\":\"nieuwsgierigheid\"")),
                        422,
                        "onbekend-doel"),
                Arguments.of(
                        "legal basis of another purpose",
                        valid(b -> b.replace("wmo-verkenning", "wmo-onderzoek")),
                        422,
                        "grondslag-onjuist"),
                Arguments.of(
                        "phase does not fit purpose",
                        valid(b -> b.replace("\"fase\":\"verkenning\"", "\"fase\":\"onderzoek\"")),
                        422,
                        "fase"),
                Arguments.of(
                        "no parties named",
                        valid(b -> b.replaceFirst("\"partijen\":\\[.*]", "\"partijen\":[]")),
                        422,
                        "geen-partijen"),
                Arguments.of(
                        "unknown party",
                        valid(b -> b.replace("\"partij\":\"ggz\"", "\"partij\":\"iedereen\"")),
                        422,
                        "onbekende-partij"),
                Arguments.of(
                        "same party twice",
                        valid(
                                b -> b.replace(
                                        "[{\"partij\":\"ggz\",\"categorieen\":[\"bekend-bij\"]}]",
                                        "[{\"partij\":\"ggz\",\"categorieen\":[\"bekend-bij\"]},{\"partij\":\"ggz\",\"categorieen\":[\"bekend-bij\"]}]")),
                        422,
                        "dubbele-partij"),
                Arguments.of(
                        "no categories for a party",
                        valid(b -> b.replace("[\"bekend-bij\"]", "[]")),
                        422,
                        "geen-categorieen"),
                Arguments.of(
                        "category not offered by party",
                        valid(b -> b.replace("[\"bekend-bij\"]", "[\"huurachterstand\"]")),
                        422,
                        "categorie-niet-aangeboden"),
                Arguments.of(
                        "category unknown to the catalogue",
                        valid(b -> b.replace("[\"bekend-bij\"]", "[\"alles\"]")),
                        422,
                        "categorie-niet-aangeboden"),
                Arguments.of(
                        "exploration asks more than the exploration categories",
                        valid(b -> b.replace("[\"bekend-bij\"]", "[\"schulden\"]")),
                        422,
                        "fase"),
                Arguments.of("category outside purpose", aanpak("schulden"), 422, "categorie-buiten-doel"),
                Arguments.of(
                        "special category, purpose does not allow",
                        aanpak("ggz-behandeling"),
                        422,
                        "bijzondere-gegevens"),
                Arguments.of(
                        "every category of a party at once",
                        onderzoek("bekend-bij\",\"schulden", null).replace("\"partij\":\"ggz\"", "\"partij\":\"woon\""),
                        422,
                        "bulkverzoek"),
                Arguments.of(
                        "every configured party at once",
                        onderzoek("bekend-bij", null)
                                .replace(
                                        "[{\"partij\":\"ggz\",\"categorieen\":[\"bekend-bij\"]}]",
                                        "[{\"partij\":\"ggz\",\"categorieen\":[\"bekend-bij\"]},"
                                                + "{\"partij\":\"woon\",\"categorieen\":[\"bekend-bij\"]}]"),
                        422,
                        "bulkverzoek"),
                Arguments.of(
                        "special category without motivation",
                        onderzoek("ggz-behandeling", null),
                        422,
                        "bijzondere-gegevens"),
                Arguments.of(
                        "special category with a token motivation",
                        onderzoek("ggz-behandeling", "nodig"),
                        422,
                        "bijzondere-gegevens"),
                Arguments.of(
                        "criminal category, purpose does not allow",
                        onderzoek("justitiele-gegevens", MOTIVATION),
                        422,
                        "strafrechtelijke-gegevens"),
                Arguments.of(
                        "purpose requires motivation",
                        valid(b -> b.replace("verkenning", "aanpak")
                                .replace("wmo-aanpak\",\"fase\":\"aanpak", "wmo-aanpak\",\"fase\":\"aanpak")),
                        422,
                        "motivering-verplicht"),
                Arguments.of(
                        "professional's request without motivation",
                        valid(b -> b.replace("HULPVRAAG", "VERZOEK_PROFESSIONAL")),
                        422,
                        "motivering-verplicht"),
                Arguments.of(
                        "oversized body",
                        valid(b -> b.replace("\"ZAAK-1\"", "\"ZAAK-1\",\"motivering\":\"" + "x".repeat(5000) + "\"")),
                        413,
                        "verzoek-te-groot"));
    }

    static String aanpak(String category) {
        return valid(b -> b.replace(
                        "\"doel\":\"verkenning\",\"grondslag\":\"wmo-verkenning\",\"fase\":\"verkenning\"",
                        "\"doel\":\"aanpak\",\"grondslag\":\"wmo-aanpak\",\"fase\":\"aanpak\"")
                .replace("[\"bekend-bij\"]", "[\"" + category + "\"]")
                .replace("\"zaakkenmerk\"", "\"motivering\":\"" + MOTIVATION + "\",\"zaakkenmerk\""));
    }

    static String onderzoek(String category, String motivation) {
        return valid(b -> b.replace(
                        "\"doel\":\"verkenning\",\"grondslag\":\"wmo-verkenning\",\"fase\":\"verkenning\"",
                        "\"doel\":\"onderzoek\",\"grondslag\":\"wmo-onderzoek\",\"fase\":\"onderzoek\"")
                .replace("[\"bekend-bij\"]", "[\"" + category + "\"]")
                .replace(
                        "\"zaakkenmerk\"",
                        motivation == null
                                ? "\"zaakkenmerk\""
                                : "\"motivering\":\"" + motivation + "\",\"zaakkenmerk\""));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("badBodies")
    void badBodyIsRefusedWithItsRule(String name, String body, int status, String type) throws Exception {
        HttpResponse<String> response = gateway.post(PATH, tokens.coordinator("cw-1"), body);

        assertProblem(response, status, type);
        assertThat(response.body()).doesNotContain(Household.CLIENT).doesNotContain(Household.INVALID);
    }

    @Test
    void validTemplateIsAccepted() throws Exception {
        HttpResponse<String> response = gateway.post(PATH, tokens.coordinator("cw-1"), valid(b -> b));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        backend.resetRequests(); // the template itself may reach the party; the bad ones may not
    }

    @Test
    void policyRefusalListsEveryBrokenRule() throws Exception {
        String body = valid(
                b -> b.replace(Household.CLIENT, Household.INVALID).replace("\"partij\":\"ggz\"", "\"partij\":\"x\""));

        JsonNode problem = JSON.readTree(
                gateway.post(PATH, tokens.coordinator("cw-1"), body).body());

        assertThat(problem.get("regel").asText()).isEqualTo("ONGELDIG_BSN");
        assertThat(problem.get("overtredingen"))
                .extracting(v -> v.get("regel").asText())
                .containsExactly("ONGELDIG_BSN", "ONBEKENDE_PARTIJ");
    }

    static Stream<Arguments> badCallers() {
        TestTokens stranger = new TestTokens();
        var key = TestTokens.newKey("test-issuer");
        return Stream.of(
                Arguments.of("no token", (Function<TestTokens, String>) t -> null, 401, "niet-geauthenticeerd"),
                Arguments.of(
                        "garbage token",
                        (Function<TestTokens, String>) t -> "not.a.token",
                        401,
                        "niet-geauthenticeerd"),
                Arguments.of(
                        "expired token",
                        (Function<TestTokens, String>)
                                t -> t.token(t.claims("cw-1", List.of("coordinator"), Duration.ofMinutes(-5))
                                        .build()),
                        401,
                        "niet-geauthenticeerd"),
                Arguments.of(
                        "token of an untrusted issuer key",
                        (Function<TestTokens, String>) t -> stranger.coordinator("cw-1"),
                        401,
                        "niet-geauthenticeerd"),
                Arguments.of(
                        "token signed by another key with the trusted kid",
                        (Function<TestTokens, String>) t -> TestTokens.sign(
                                key,
                                t.claims("cw-1", List.of("coordinator"), Duration.ofMinutes(5))
                                        .build()),
                        401,
                        "niet-geauthenticeerd"),
                Arguments.of(
                        "wrong issuer",
                        (Function<TestTokens, String>)
                                t -> t.token(t.claims("cw-1", List.of("coordinator"), Duration.ofMinutes(5))
                                        .issuer("https://evil.example")
                                        .build()),
                        401,
                        "niet-geauthenticeerd"),
                Arguments.of(
                        "wrong audience",
                        (Function<TestTokens, String>)
                                t -> t.token(t.claims("cw-1", List.of("coordinator"), Duration.ofMinutes(5))
                                        .audience("other-api")
                                        .build()),
                        401,
                        "niet-geauthenticeerd"),
                Arguments.of(
                        "token without exp",
                        (Function<TestTokens, String>)
                                t -> t.token(t.claims("cw-1", List.of("coordinator"), Duration.ofMinutes(5))
                                        .expirationTime(null)
                                        .build()),
                        401,
                        "niet-geauthenticeerd"),
                Arguments.of(
                        "alg none",
                        (Function<TestTokens, String>)
                                t -> new PlainJWT(t.claims("cw-1", List.of("coordinator"), Duration.ofMinutes(5))
                                                .build())
                                        .serialize(),
                        401,
                        "niet-geauthenticeerd"),
                Arguments.of(
                        "HS256 token",
                        (Function<TestTokens, String>) BadRequestsIT::hmacToken,
                        401,
                        "niet-geauthenticeerd"),
                Arguments.of(
                        "wrong role",
                        (Function<TestTokens, String>) t -> t.withRoles("cw-1", "auditor"),
                        403,
                        "geen-toegang"),
                Arguments.of("no role", (Function<TestTokens, String>) t -> t.withRoles("cw-1"), 403, "geen-toegang"));
    }

    static String hmacToken(TestTokens t) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID("test-issuer")
                            .type(JOSEObjectType.JWT)
                            .build(),
                    t.claims("cw-1", List.of("coordinator"), Duration.ofMinutes(5))
                            .build());
            jwt.sign(new MACSigner("a-shared-secret-that-is-at-least-32-bytes-long!".getBytes()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("badCallers")
    void badCallerIsRefused(String name, Function<TestTokens, String> token, int status, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(valid(b -> b)));
        String value = token.apply(tokens);
        if (value != null) {
            request.header("Authorization", "Bearer " + value);
        }

        HttpResponse<String> response = gateway.send(request.build());

        assertProblem(response, status, type);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    static HttpRequest.Builder authorized(String path, String token) {
        return HttpRequest.newBuilder(gateway.uri(path)).header("Authorization", "Bearer " + token);
    }

    static Stream<Arguments> badHttp() {
        String token = tokens.coordinator("cw-1");
        return Stream.of(
                Arguments.of(
                        "BSN in query string",
                        authorized(PATH + "?bsn=" + Household.CLIENT, token).GET(),
                        400,
                        "gevoelige-gegevens-in-url"),
                Arguments.of(
                        "BSN-like number in query string",
                        authorized(PATH + "?q=" + Household.CLIENT, token).GET(),
                        400,
                        "gevoelige-gegevens-in-url"),
                Arguments.of(
                        "BSN in path",
                        authorized(PATH + "/" + Household.CLIENT, token).GET(),
                        400,
                        "gevoelige-gegevens-in-url"),
                Arguments.of(
                        "wrong content type",
                        authorized(PATH, token)
                                .header("Content-Type", "text/plain")
                                .POST(HttpRequest.BodyPublishers.ofString(valid(b -> b))),
                        415,
                        "mediatype-niet-ondersteund"),
                Arguments.of(
                        "XML only accepted",
                        authorized(PATH, token)
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/xml")
                                .POST(HttpRequest.BodyPublishers.ofString(valid(b -> b))),
                        406,
                        "niet-acceptabel"),
                Arguments.of("method not allowed", authorized(PATH, token).DELETE(), 405, "methode-niet-toegestaan"),
                Arguments.of(
                        "unknown resource",
                        authorized("/api/v1/onbekend", token).GET(),
                        404,
                        "niet-gevonden"),
                Arguments.of(
                        "unknown request id",
                        authorized(PATH + "/01900000-0000-7000-8000-000000000000", token)
                                .GET(),
                        404,
                        "niet-gevonden"),
                Arguments.of(
                        "request id that is not a UUID (400, as the OpenAPI says)",
                        authorized(PATH + "/abc", token).GET(),
                        400,
                        "ongeldig-id"),
                Arguments.of(
                        "chunked oversized body",
                        authorized(PATH, token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                                        ("{\"doel\":\"" + "x".repeat(10_000) + "\"}").getBytes()))),
                        413,
                        "verzoek-te-groot"));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("badHttp")
    void badHttpIsRefused(String name, HttpRequest.Builder request, int status, String type) throws Exception {
        assertProblem(gateway.send(request.build()), status, type);
    }

    /**
     * Spring Security's chains run without the handler lookup it puts in front of them when Spring
     * MVC is present (WithoutHandlerLookupPerRequest); every refusal above is still made.
     */
    @Test
    void theSecurityChainsRunWithoutAHandlerLookupInFrontOfThem() {
        assertThat(gateway.bean(FilterChainProxy.class).getClass().getName())
                .isNotEqualTo(WithoutHandlerLookupPerRequest.COMPOSITE);
        assertThat(gateway.bean(FilterChainProxy.class).getFilterChains()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void openapiIsPublicAndEveryAnswerCarriesTheApiHeaders() throws Exception {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/api/v1/openapi.json"))
                .GET()
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/info/version").asText()).isEqualTo("1.0.0");
        assertThat(response.headers().firstValue("API-Version")).contains("1.0.0");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    static void assertProblem(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("API-Version")).contains("1.0.0");
        assertThat(response.headers().firstValue("Fsc-Transaction-Id")).isPresent();
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo(TYPE + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    @Test
    void aMultipartBodyIsRefusedAsAnUnsupportedMediaType() throws Exception {
        HttpResponse<String> response = gateway.send(authorized(PATH, tokens.coordinator("cw-1"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--"))
                .build());
        assertProblem(response, 415, "mediatype-niet-ondersteund");
    }

    @Test
    void aRolesClaimOfAnotherShapeGivesNoRoleNotAnError() throws Exception {
        for (Object roles : List.of(List.of(List.of("coordinator")), Map.of("role", "coordinator"), 42)) {
            String token = tokens.token(tokens.claims("cw-1", List.of(), java.time.Duration.ofMinutes(5))
                    .claim("roles", roles)
                    .build());
            HttpResponse<String> response = gateway.send(authorized(PATH, token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(valid(b -> b)))
                    .build());
            assertThat(response.statusCode()).as(String.valueOf(roles)).isEqualTo(403);
        }
    }

    @Test
    void duplicateKeysAreRefused() throws Exception {
        String twice =
                valid(b -> b.replace("\"doel\":\"verkenning\"", "\"doel\":\"onderzoek\",\"doel\":\"verkenning\""));
        HttpResponse<String> response = gateway.post(PATH, tokens.coordinator("cw-1"), twice);
        assertProblem(response, 400, "ongeldig-verzoek");
        assertThat(response.body()).contains("meer dan eens");
    }

    @Test
    void aUuidWhoseDigitsHappenToPassTheElevenTestIsAnIdNotABsn() throws Exception {
        // The last group holds 999990019, a valid BSN by the 11-test: still an id, so 404, not 400.
        HttpResponse<String> response = gateway.get(
                "/api/v1/gegevensverzoeken/01a22896-596d-7240-8c25-000999990019", tokens.coordinator("cw-1"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("/problemen/niet-gevonden");
        HttpResponse<String> bsn = gateway.get("/api/v1/gegevensverzoeken/999990019", tokens.coordinator("cw-1"));
        assertThat(bsn.statusCode()).isEqualTo(400);
        assertThat(bsn.body()).doesNotContain("999990019");
    }

    @Test
    void errorBodiesNeverEchoSubmittedValues() throws Exception {
        String token = tokens.coordinator("cw-1");
        List<HttpResponse<String>> answers = List.of(
                gateway.send(
                        authorized(PATH + "/" + Household.CLIENT, token).GET().build()),
                gateway.post(
                        PATH, token, valid(b -> b.replace("\"doel\":\"verkenning\"", "\"doel\":\"doel-999990019\""))),
                gateway.post(PATH, token, valid(b -> b.replace("\"partij\":\"ggz\"", "\"partij\":\"p-999990019\""))),
                gateway.post(PATH, token, valid(b -> b.replace("[\"bekend-bij\"]", "[\"c-999990019\"]"))),
                gateway.post(
                        PATH, token, valid(b -> b.replace("\"zaakkenmerk\"", "\"veld999990019\":1,\"zaakkenmerk\""))),
                gateway.send(authorized(PATH, token)
                        .method("FOO999990019", HttpRequest.BodyPublishers.noBody())
                        .build()));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.body()).doesNotContain("999990019");
        }
    }
}
