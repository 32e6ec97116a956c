package nl.wams.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lints the published OpenAPI document with the core NL API Design Rules as the team wrote them
 * down in {@code src/test/resources/standards/adr-core.spectral.yaml}: zero errors allowed. Whoever
 * has a copy of the official ruleset of developer.overheid.nl can run it as an extra check by
 * passing its path as the system property {@code adr.official-ruleset}. Needs Node's npx (the Spectral CLI comes from the npm registry at the
 * pinned version).
 */
class OpenApiLintIT {

    static final Path OWN_RULESET = Path.of("src/test/resources/standards/adr-core.spectral.yaml");
    static final String OFFICIAL_RULESET = System.getProperty("adr.official-ruleset", "");

    @Test
    void openapiMeetsTheCoreDesignRules() throws Exception {
        assertThat(onPath("npx")).as("npx (Node.js) is needed to run Spectral").isTrue();
        assertThat(lint(OWN_RULESET, document())).as("the own ruleset checks").isEmpty();
    }

    @Test
    void ownRulesetReallyRefusesABadDocument() throws Exception {
        assertThat(onPath("npx")).as("npx (Node.js) is needed to run Spectral").isTrue();
        Path bad = Path.of("target/openapi-bad.json");
        Files.writeString(
                bad,
                "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"x\",\"version\":\"1.0.0\"},"
                        + "\"servers\":[{\"url\":\"http://localhost/api\"}],\"paths\":{\"/Things/\":{\"get\":"
                        + "{\"operationId\":\"a\",\"responses\":{\"200\":{\"description\":\"ok\"},"
                        + "\"400\":{\"description\":\"bad\",\"content\":{\"text/html\":{}}}}}}}}");
        assertThat(lint(OWN_RULESET, bad))
                .contains(
                        "wams-adr:contact",
                        "wams-adr:version-header",
                        "wams-adr:major-version-in-uri",
                        "wams-adr:no-trailing-slash",
                        "wams-adr:kebab-case-paths",
                        "wams-adr:https-servers",
                        "wams-adr:problem-json");
    }

    @Test
    void openapiHasNoErrorsUnderTheOfficialRulesetWhenOneIsGiven() throws Exception {
        assumeTrue(
                !OFFICIAL_RULESET.isEmpty() && Files.isReadable(Path.of(OFFICIAL_RULESET)),
                "no -Dadr.official-ruleset given: extra check skipped");
        assertThat(lint(Path.of(OFFICIAL_RULESET), document())).isEmpty();
    }

    private static Path document() throws Exception {
        Path document = Path.of("target/openapi.json");
        try (InputStream in = OpenApiLintIT.class.getResourceAsStream("/openapi.yaml")) {
            new ObjectMapper().writeValue(document.toFile(), new ObjectMapper(new YAMLFactory()).readTree(in));
        }
        return document;
    }

    /** Spectral's output when it finds errors, else empty. */
    private static String lint(Path ruleset, Path document) throws Exception {
        Process spectral = new ProcessBuilder(List.of(
                        "npx",
                        "-y",
                        "@stoplight/spectral-cli@6.16.3",
                        "lint",
                        "--fail-severity",
                        "error",
                        "-r",
                        ruleset.toAbsolutePath().toString(),
                        document.toString()))
                .redirectErrorStream(true)
                .start();
        byte[] output = spectral.getInputStream().readAllBytes();
        assertThat(spectral.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return spectral.exitValue() == 0 ? "" : new String(output, StandardCharsets.UTF_8);
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null
                && List.of(path.split(File.pathSeparator)).stream()
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
