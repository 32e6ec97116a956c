package nl.wams.gateway.cli;

import static nl.wams.gateway.cli.ConfigValidateCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.wams.gateway.policy.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code explain} on the shipped demo requests: one that is sent with a partial release, one refusal per rule. */
class ExplainCommandTest {

    static final String CONFIG = "../config/demo/gemeente.yml";
    static final Path REQUESTS = Path.of("../config/demo/requests");

    @Test
    void investigationWouldBeSentWithAPartialRelease() {
        var run = run(
                "explain",
                "--config",
                CONFIG,
                REQUESTS.resolve("onderzoek.json").toString());

        assertThat(run.code()).isEqualTo(ExplainCommand.WOULD_SEND);
        assertThat(run.out())
                .contains("WOULD BE SENT")
                .contains("Stepwise collection (phase onderzoek): at most 3 party(ies) per request")
                .contains("schuldhulp-voorbeeldstad")
                .containsPattern("schuldhulpverleningSinds\\s+year")
                .containsPattern("beslaglegging\\s+REMOVED");
    }

    @ParameterizedTest
    @EnumSource(
            value = Rule.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {
                "COORDINATOR_VERPLICHT",
                "AFZIEN_COORDINATOR_ALLEEN_BIJ_HULPVRAAG",
                "PERSOON_NIET_IN_ZAAK",
                "GEEN_GEGEVENS_VOOR_VERSTREKKING",
                "GEGEVENS_BUITEN_CATALOGUS"
            })
    void everyDataRequestRuleHasAnExampleThatIsRefusedForThatRule(Rule rule) {
        Path example = REQUESTS.resolve("geweigerd-" + rule.slug() + ".json");
        assertThat(example).as("example request for " + rule).exists();

        var run = run("explain", "--config", CONFIG, example.toString());

        assertThat(run.code()).isEqualTo(ExplainCommand.WOULD_REFUSE);
        assertThat(run.out()).contains("REFUSED (" + rule.status() + " " + rule.name() + ")");
    }

    @Test
    void malformedRequestWouldBeRefused(@TempDir Path dir) throws IOException {
        Path request = Files.writeString(dir.resolve("r.json"), "{\"doel\":");

        var run = run("explain", "--config", CONFIG, request.toString());

        assertThat(run.code()).isEqualTo(ExplainCommand.WOULD_REFUSE);
        assertThat(run.out()).contains("ongeldig-verzoek");
    }

    @Test
    void missingFilesAndBadConfigurationAreUsageErrors(@TempDir Path dir) throws IOException {
        assertThat(run("explain", "--config", CONFIG, dir.resolve("nope.json").toString())
                        .code())
                .isEqualTo(ExplainCommand.USAGE_OR_CONFIG);
        Path badConfig = Files.writeString(dir.resolve("bad.yml"), "identity: {}\n");
        assertThat(run(
                                "explain",
                                "--config",
                                badConfig.toString(),
                                REQUESTS.resolve("onderzoek.json").toString())
                        .code())
                .isEqualTo(ExplainCommand.USAGE_OR_CONFIG);
        assertThat(run("explain", REQUESTS.resolve("onderzoek.json").toString()).code())
                .isEqualTo(ExplainCommand.USAGE_OR_CONFIG);
    }
}
