package nl.wams.gateway.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import nl.wams.gateway.audit.ConfigHistory;
import nl.wams.gateway.support.GatewayExtension;
import nl.wams.gateway.support.Polling;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestPorts;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code management.watch-config}, a changed file puts its purpose register in force by itself. */
class ConfigWatchIT {

    static final TestTokens tokens = new TestTokens();

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.of(
            tokens,
            () -> TestGateway.verkenningRequester()
                    + TestGateway.ggzRestParty(TestPorts.free())
                    + "management: { port: " + TestPorts.free() + ", watch-config: true }\n");

    @Test
    void aChangedFileIsReloadedAndRecordedAsAFileChange() throws Exception {
        ActiveRules rules = gateway.bean(ActiveRules.class);
        String before = rules.version();
        Path file = gateway.dir().resolve("gateway.yml");
        String changed = Files.readString(file)
                .replace(
                        "categories: [bekend-bij]\nminimisation:",
                        "categories: [bekend-bij]\n    motivation-required: true\nminimisation:");
        assertThat(changed).contains("motivation-required");

        Files.writeString(file, changed);

        Polling.until(
                Duration.ofSeconds(20),
                "the changed file is in force",
                () -> !rules.version().equals(before));
        assertThat(rules.current().gateway().purpose("verkenning").orElseThrow().motivationRequired())
                .isTrue();
        assertThat(gateway.bean(ConfigHistory.class).activations()).anySatisfy(a -> {
            assertThat(a.version()).isEqualTo(rules.version());
            assertThat(a.loadedBy()).isEqualTo("bestandswijziging");
        });
    }
}
