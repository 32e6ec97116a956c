package nl.wams.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import nl.wams.gateway.federation.DemoPki;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    /** Line numbers below refer to this text; keep its shape when editing. */
    static final String VALID = """
            identity:
              oin: "00000099000000000001"
              name: Testgemeente
              roles: [requester]
            authentication:
              issuer: https://idp.test.example
              audience: wams-gateway
              jwks-file: issuer.jwks.json
            catalogue: catalogue.yml
            purposes:
              - id: onderzoek
                phase: onderzoek
                legal-basis: { id: wmo-onderzoek, text: "Wmo 2015 (Wams)" }
                categories: [bekend-bij, schulden]
            parties:
              - id: schuld
                name: Schuld
                oin: "00000099000000000303"
                domain: sociaal-domein
                categories: [bekend-bij, schulden]
                adapter:
                  type: rest
                  url: http://127.0.0.1:9/schuld
                  mappings:
                    bekend-bij: { bekend: /inTraject }
                    schulden: { totaalbedrag: /schuld/totaal }
            minimisation:
              onderzoek:
                bekend-bij: { bekend: keep }
                schulden: { totaalbedrag: keep }
            """;

    @BeforeEach
    void files() throws IOException {
        new TestTokens().writeJwks(dir);
        Files.copy(TestGateway.CATALOGUE, dir.resolve("catalogue.yml"));
    }

    /** The audit block goes last, so the line numbers of VALID stay as written. */
    LoadedConfig load(String yaml) throws IOException {
        Path file = dir.resolve("gateway.yml");
        String complete = yaml.contains("\naudit:") ? yaml : yaml + TestGateway.auditBlock(dir, "n1", null);
        Files.writeString(file, complete.contains("\napi:") ? complete : complete + "api: { plain-http: true }\n");
        return new ConfigLoader().load(file);
    }

    List<String> problems(String yaml) throws IOException {
        try {
            load(yaml);
        } catch (InvalidConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("configuration was accepted");
    }

    String at(int line, String rest) {
        return dir.resolve("gateway.yml") + ":" + line + ": " + rest;
    }

    @Test
    void acceptsAValidConfigurationAndAppliesDefaults() throws IOException {
        LoadedConfig config = load(VALID);

        assertThat(config.gateway().parties()).singleElement().satisfies(p -> {
            assertThat(p.timeout()).hasSeconds(5);
            assertThat(p.circuitBreaker().failureRateThreshold()).isEqualTo(50);
        });
        assertThat(config.gateway().api().port()).isEqualTo(8080);
        assertThat(config.catalogue().category("schulden")).isPresent();
    }

    @Test
    void theShippedDemoConfigurationIsValid() {
        LoadedConfig config = new ConfigLoader().load(Path.of("../config/demo/gemeente.yml"));

        assertThat(config.gateway().parties()).hasSize(4);
    }

    @Test
    void aPartyIsNamedByItsConfiguredNameOrElseByItsId() {
        GatewayConfig gateway =
                new ConfigLoader().load(Path.of("../config/demo/gemeente.yml")).gateway();

        assertThat(gateway.partyName("ggz-noordkust")).isEqualTo("GGZ Noordkust");
        assertThat(gateway.partyName("no-longer-configured")).isEqualTo("no-longer-configured");
    }

    @Test
    void theWebLoginNeedsAnHttpsProviderASetSecretAndABoundedIdleTimeout() throws IOException {
        String web = """
                web:
                  oidc:
                    issuer: http://login.voorbeeldstad.example
                    client-id: wams-gateway
                    client-secret-env: WAMS_TEST_OIDC_SECRET_NOT_SET
                    roles: { wams-coordinator: coordinator }
                  idle-timeout: 9h
                """;

        assertThat(problems(VALID + web))
                .anySatisfy(p -> assertThat(p).contains("web.oidc.issuer").contains("https://"))
                .anySatisfy(p -> assertThat(p).contains("WAMS_TEST_OIDC_SECRET_NOT_SET"))
                .anySatisfy(p -> assertThat(p).contains("web.idle-timeout"));
        assertThat(load(VALID
                                + web.replace("http://login.voorbeeldstad.example", "http://127.0.0.1:8543")
                                        .replace("client-secret-env: WAMS_TEST_OIDC_SECRET_NOT_SET", "client-secret: s")
                                        .replace("9h", "15m"))
                        .gateway()
                        .web()
                        .oidc()
                        .roles())
                .containsEntry("wams-coordinator", GatewayConfig.WebRole.COORDINATOR);
    }

    @Test
    void aDeskProfileNamesFieldsOfTheSignalWithFittingTransformsAndDeskIdsAreUnique() throws IOException {
        String meldpunt = """
                meldpunt:
                  legal-basis: { id: wmo-meldpunt, text: "Wmo 2015 (Wams): meldpunt" }
                  not-routed-term: 0s
                  desks:
                    - id: wijkteam
                      name: Wijkteam
                      oin: "00000099000000000501"
                      adapter: { type: rest, url: "http://127.0.0.1:9/wijkteam" }
                      fields: { zorgen: keep, schoenmaat: keep, levensdomeinen: year }
                    - id: wijkteam # twee
                      name: Wijkteam twee
                      oin: "00000099000000000502"
                      adapter: { type: peer, url: "http://127.0.0.1:9/peer/v1/verzoeken" }
                      fields: { zorgen: keep }
                """;

        assertThat(problems(VALID + meldpunt))
                .anySatisfy(p -> assertThat(p)
                        .contains("meldpunt.desks[0].fields.schoenmaat")
                        .contains("unknown field"))
                .anySatisfy(p -> assertThat(p)
                        .contains("meldpunt.desks[0].fields.levensdomeinen")
                        .contains("does not fit"))
                .anySatisfy(p -> assertThat(p).contains("meldpunt.desks[1].id").contains("duplicate desk id"))
                .anySatisfy(p -> assertThat(p)
                        .contains("missing required key 'federation'")
                        .contains("peer desks"))
                .anySatisfy(p -> assertThat(p).contains("meldpunt").contains("a term of 0"))
                .allSatisfy(p -> assertThat(p).matches(".*gateway.yml:\\d+:.*"));
        GatewayConfig.Meldpunt valid = load(VALID
                        + meldpunt.replace("schoenmaat: keep, levensdomeinen: year", "levensdomeinen: count")
                                .replace("not-routed-term: 0s", "not-routed-term: 28d")
                                .replace("wijkteam # twee", "ggd")
                                .replace(
                                        "type: peer, url: \"http://127.0.0.1:9/peer/v1/verzoeken\"",
                                        "type: soap, url: \"http://127.0.0.1:9/ggd\""))
                .gateway()
                .meldpunt();
        assertThat(valid.desks()).extracting(GatewayConfig.Desk::id).containsExactly("wijkteam", "ggd");
        assertThat(valid.rateLimit().requests()).isEqualTo(10);
    }

    @Test
    void unknownKeyIsNamedWithItsLine() throws IOException {
        assertThat(problems(VALID.replace("  name: Testgemeente\n", "  name: Testgemeente\n  colour: blue\n")))
                .containsExactly(at(4, "identity.colour: unknown key 'colour'"));
    }

    @Test
    void invalidOinIsRefused() throws IOException {
        assertThat(problems(VALID.replace("\"00000099000000000303\"", "\"12345\"")))
                .singleElement()
                .asString()
                .startsWith(at(18, "parties[0].oin: "));
    }

    @Test
    void unknownCategoryReferencesAreRefused() throws IOException {
        assertThat(problems(VALID.replace(
                        "categories: [bekend-bij, schulden]\nparties", "categories: [bekend-bij, roddels]\nparties")))
                .contains(at(14, "purposes[0].categories[1]: unknown category 'roddels' (not in the catalogue)"));
    }

    @Test
    void duplicatePartyIdsAreRefused() throws IOException {
        String party = VALID.substring(VALID.indexOf("  - id: schuld"), VALID.indexOf("minimisation:"));
        assertThat(problems(VALID.replace("minimisation:", party + "minimisation:")))
                .containsExactly(at(27, "parties[1].id: duplicate party id 'schuld' (also parties[0])"));
    }

    @Test
    void missingAdapterSettingsAreRefused() throws IOException {
        assertThat(problems(VALID.replace("      url: http://127.0.0.1:9/schuld\n", "")))
                .containsExactly(at(21, "parties[0].adapter: missing required key 'url'"));
        assertThat(problems(VALID.replace("        schulden: { totaalbedrag: /schuld/totaal }\n", "")))
                .containsExactly(
                        at(24, "parties[0].adapter.mappings: missing adapter mapping for offered category 'schulden'"));
    }

    @Test
    void mappingOfAFieldTheCatalogueDoesNotDefineIsRefused() throws IOException {
        assertThat(problems(VALID.replace(
                        "{ totaalbedrag: /schuld/totaal }", "{ totaalbedrag: /schuld/totaal, iban: /iban }")))
                .containsExactly(
                        at(
                                26,
                                "parties[0].adapter.mappings.schulden.iban: unknown field 'iban' (category 'schulden' does not define it)"));
    }

    @Test
    void specialCategoryInAPurposeThatDoesNotAllowItIsRefused() throws IOException {
        assertThat(problems(VALID.replace(
                        "categories: [bekend-bij, schulden]\nparties",
                        "categories: [bekend-bij, ggz-behandeling]\nparties")))
                .contains(
                        at(
                                14,
                                "purposes[0].categories[1]: category 'ggz-behandeling' is special (art. 9) but special-categories-allowed is false"));
    }

    @Test
    void everyProblemIsListedNotJustTheFirst() throws IOException {
        String yaml = VALID.replace("  name: Testgemeente\n", "  name: Testgemeente\n  colour: blue\n")
                .replace("domain: sociaal-domein", "domain: overal")
                .replace("phase: onderzoek", "phase: later");

        assertThat(problems(yaml)).hasSize(3);
    }

    @Test
    void yamlSyntaxErrorIsLocated() throws IOException {
        assertThat(problems(VALID.replace("  roles: [requester]", "  roles: [requester")))
                .singleElement()
                .asString()
                .startsWith(dir.resolve("gateway.yml") + ":5: (root): YAML syntax error");
    }

    @Test
    void duplicateKeyIsRefused() throws IOException {
        assertThat(problems(VALID.replace("  name: Testgemeente\n", "  name: Testgemeente\n  name: Anders\n")))
                .containsExactly(at(4, "identity.name: duplicate key 'name'"));
    }

    @Test
    void unreadableJwksIsRefused() throws IOException {
        assertThat(problems(VALID.replace("issuer.jwks.json", "missing.json")))
                .singleElement()
                .asString()
                .startsWith(at(8, "authentication.jwks-file: JWKS file not readable"));
    }

    @Test
    void catalogueProblemsPointIntoTheCatalogueFile() throws IOException {
        Files.writeString(
                dir.resolve("catalogue.yml"),
                "categories:\n  - name: x\n    description: x\n    sensitivity: geheim\n    fields: { a: { type: string } }\n");

        assertThatThrownBy(() -> load(VALID))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith(dir.resolve("catalogue.yml") + ":4: categories[0].sensitivity: ");
    }

    @Test
    void durationsAreParsed() {
        assertThat(ConfigLoader.parseDuration("750ms")).hasMillis(750);
        assertThat(ConfigLoader.parseDuration("30m")).hasMinutes(30);
        assertThatThrownBy(() -> ConfigLoader.parseDuration("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCategoryAPurposeAllowsNeedsAProfile() throws IOException {
        assertThat(problems(VALID.replace("    schulden: { totaalbedrag: keep }\n", "")))
                .containsExactly(at(
                        14,
                        "purposes[0].categories[1]: no minimisation profile for category 'schulden'"
                                + " (add minimisation.onderzoek.schulden; without one nothing would pass)"));
    }

    @Test
    void profileProblemsAreNamed() throws IOException {
        String yaml = VALID.replace("    schulden: { totaalbedrag: keep }\n", """
                    schulden: { totaalbedrag: year, iban: keep, schuldhulpverleningSinds.dag: keep, beslaglegging: { coarse: x } }
                  verkenning:
                    bekend-bij: { bekend: keep }
                """);

        assertThat(problems(yaml))
                .containsExactlyInAnyOrder(
                        at(
                                30,
                                "minimisation.onderzoek.schulden.totaalbedrag: transform 'year' does not fit a NUMBER field"),
                        at(
                                30,
                                "minimisation.onderzoek.schulden.iban: unknown field 'iban' (category 'schulden' does not define it)"),
                        at(
                                30,
                                "minimisation.onderzoek.schulden.schuldhulpverleningSinds.dag: a nested path needs an object, but"
                                        + " 'schuldhulpverleningSinds' is DATE"),
                        at(30, "minimisation.onderzoek.schulden.beslaglegging: unknown coarse table 'x'"),
                        at(31, "minimisation.verkenning: unknown purpose 'verkenning'"));
    }

    @Test
    void profileForACategoryThePurposeDoesNotAllowIsRefused() throws IOException {
        assertThat(problems(VALID + "    huurachterstand: { bedrag: keep }\n"))
                .containsExactly(at(
                        31,
                        "minimisation.onderzoek.huurachterstand: purpose 'onderzoek' does not allow"
                                + " category 'huurachterstand'"));
    }

    @Test
    void explorationPurposesMayOnlyAllowExplorationCategories() throws IOException {
        String yaml = VALID.replace("phase: onderzoek", "phase: verkenning");

        assertThat(problems(yaml))
                .containsExactly(at(
                        14,
                        "purposes[0].categories[1]: phase verkenning may only ask the"
                                + " exploration categories [bekend-bij, lopende-voorzieningen, contactprofessional]"));
    }

    @Test
    void transformsOutsideTheListAreRefusedByTheSchema() throws IOException {
        assertThat(problems(VALID.replace("{ totaalbedrag: keep }", "{ totaalbedrag: hash }")))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p).startsWith(at(30, "minimisation.onderzoek.schulden.totaalbedrag: ")));
    }

    @Test
    void theApiIsHttpsUnlessPlainHttpIsAskedForOnLoopback() throws IOException {
        assertThat(problems(VALID + "api: { host: 0.0.0.0 }\n"))
                .singleElement()
                .asString()
                .contains("api: the API needs api.tls (HTTPS)");
        assertThat(problems(VALID + "api: { host: 0.0.0.0, plain-http: true }\n"))
                .singleElement()
                .asString()
                .contains("api.host: plain HTTP is only allowed on a loopback host");
    }

    @Test
    void expiredCertificatesAreRefused() throws Exception {
        var pki = DemoPki.create("t", Duration.ofDays(10));
        var org = DemoPki.DEMO.get(0);
        Instant now = Instant.now();
        DemoPki.write(dir, "old", pki.tls(org, now.minusSeconds(86_400 * 3), now.minusSeconds(86_400)));
        String yaml = VALID + "api: { tls: { path: old.p12, password: changeit } }\n";

        assertThat(problems(yaml)).singleElement().asString().contains("api.tls.path: certificate 'old' expired on");
    }

    @Test
    void aPeerUrlWithoutTlsAndAKeyOfAnotherOrganisationAreRefused() throws IOException {
        List<String> problems = demoProblems(demo -> demo.replace(
                        "url: https://127.0.0.1:9444/peer/v1/verzoeken", "url: http://127.0.0.1:9444/peer/v1/verzoeken")
                .replace("gemeente-signing.p12", "ggz-noordkust-signing.p12"));

        assertThat(problems)
                .anySatisfy(p ->
                        assertThat(p).contains("parties[0].adapter.url: a peer gateway is reached over https:// only"))
                .anySatisfy(p -> assertThat(p)
                        .contains("federation.signing.path: certificate")
                        .contains("carries OIN 00000099000000000101, not identity.oin 00000099000000000001"));
    }

    @Test
    void aKeyStoreThatDoesNotOpenIsNamedAtEveryPlaceThatUsesIt() throws IOException {
        // The demo's API and federation share one TLS store: opened once, refused at both places.
        List<String> problems = demoProblems(demo ->
                demo.replace("gemeente-tls.p12, password: changeit", "gemeente-tls.p12, password: s3cr3t-but-wrong"));

        assertThat(problems)
                .anySatisfy(p -> assertThat(p).contains("api.tls.path: cannot open PKCS#12"))
                .anySatisfy(p -> assertThat(p).contains("federation.tls.path: cannot open PKCS#12"))
                .noneSatisfy(p -> assertThat(p).contains("s3cr3t-but-wrong")); // never echoes a password
    }

    /** The problems of the demo's municipality configuration after {@code change}. */
    private List<String> demoProblems(UnaryOperator<String> change) throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        String demo = Files.readString(repo.resolve("config/demo/gemeente.yml"))
                .replace("../../", repo + "/")
                .replace("../catalogue.yml", repo + "/config/catalogue.yml");
        Path file = dir.resolve("gemeente-changed.yml");
        Files.writeString(file, change.apply(demo));
        try {
            new ConfigLoader().load(file);
            throw new AssertionError("configuration was accepted");
        } catch (InvalidConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
    }
}
