package nl.wams.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidateCommandTest {

    @TempDir
    Path dir;

    static CliRunner.Result run(String... args) {
        return CliRunner.run(args);
    }

    @Test
    void validConfigurationExitsZero() {
        var run = run("config", "validate", "../config/demo/gemeente.yml");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("OK: ../config/demo/gemeente.yml");
    }

    @Test
    void invalidConfigurationListsProblemsAndExitsNonZero() throws IOException {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(
                bad,
                Files.readString(Path.of("../config/demo/gemeente.yml"))
                        .replace("name: Gemeente Voorbeeldstad", "name: Gemeente Voorbeeldstad\n  kleur: blauw")
                        .replace(
                                "catalogue: ../catalogue.yml",
                                "catalogue: "
                                        + Path.of("../config/catalogue.yml").toAbsolutePath())
                        .replace(
                                "jwks-file: ../../certs-example/demo-issuer.jwks.json",
                                "jwks-file: "
                                        + Path.of("../certs-example/demo-issuer.jwks.json")
                                                .toAbsolutePath()));

        var run = run("config", "validate", bad.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains(bad + ":7: identity.kleur: unknown key 'kleur'")
                .contains("1 problem(s)");
    }

    @Test
    void runRefusesAnInvalidConfigurationWithoutStarting() throws IOException {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "identity: {}\n");

        var run = run("run", "--config", bad.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("did not start").contains(bad + ":1: identity: missing required key 'oin'");
    }

    @Test
    void missingFileIsReported() {
        var run = run("config", "validate", dir.resolve("nope.yml").toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("file not found");
    }

    /**
     * The municipality's demo configuration with text replaced (pairs: old, new), written into the
     * test folder with its relative paths made absolute; line numbers stay those of the demo file.
     */
    Path demoConfigWith(String name, String... replacements) throws IOException {
        Path demo = Path.of("../config/demo/gemeente.yml").toAbsolutePath().normalize();
        String text = Files.readString(demo);
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        text = text.replace(
                        "../../certs-example/",
                        demo.resolveSibling("../../certs-example/").normalize() + "/")
                .replace(
                        "../catalogue.yml",
                        demo.resolveSibling("../catalogue.yml").normalize().toString())
                .replace("../../demo-data/", dir.resolve("data").toString() + "/");
        Path config = dir.resolve(name);
        Files.writeString(config, text);
        return config;
    }

    @Test
    void anUnsetPasswordVariableIsNamedWithItsLine() throws IOException {
        Path config = demoConfigWith(
                "gemeente.yml",
                "signing: { path: ../../certs-example/gemeente-signing.p12, password: changeit }",
                "signing: { path: ../../certs-example/gemeente-signing.p12,"
                        + " password-env: WAMS_TEST_NOT_SET_ANYWHERE }");

        var run = run("config", "validate", config.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip().lines())
                .hasSize(2)
                .first()
                .asString()
                .contains(config + ":" + lineOf(config, "WAMS_TEST_NOT_SET_ANYWHERE") + ":")
                .contains("environment variable WAMS_TEST_NOT_SET_ANYWHERE is not set");
    }

    @Test
    void unsetKeyVariablesOfTheAuditLogAreNamedWithTheirLines() throws IOException {
        Path config = demoConfigWith(
                "gemeente-env.yml",
                "pseudonym-key-file: ../../certs-example/demo-pseudonym-gemeente.key",
                "pseudonym-key-env: WAMS_TEST_PSEUDONYM_NOT_SET",
                "data-key-file: ../../certs-example/demo-data-key-gemeente.key",
                "data-key-env: WAMS_TEST_DATA_KEY_NOT_SET");

        var run = run("config", "validate", config.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains("environment variable WAMS_TEST_PSEUDONYM_NOT_SET is not set (it holds the pseudonym key)")
                .contains("environment variable WAMS_TEST_DATA_KEY_NOT_SET is not set (it holds the data key)")
                .contains("2 problem(s)");
    }

    /** The 1-based line of the first occurrence of {@code text} in {@code file}. */
    static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
