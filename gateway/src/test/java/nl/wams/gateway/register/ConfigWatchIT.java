package nl.wams.gateway.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import nl.wams.gateway.GatewayApplication;
import nl.wams.gateway.audit.ConfigHistory;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.support.GatewayExtension;
import nl.wams.gateway.support.Polling;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestPorts;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

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

    /**
     * Kubernetes updates a mounted ConfigMap by writing a new folder and swapping the {@code ..data}
     * link to it; the configuration file's own name never changes. The gateway reloads all the same.
     */
    @Test
    void aConfigMapSwapIsReloadedToo(@TempDir Path dir) throws Exception {
        String text = Files.readString(TestGateway.writeConfig(
                dir,
                tokens,
                TestGateway.verkenningRequester()
                        + TestGateway.ggzRestParty(TestPorts.free())
                        + "management: { port: " + TestPorts.free() + ", watch-config: true }\n"));
        Path mount = Files.createDirectories(dir.resolve("configmap"));
        Files.writeString(Files.createDirectories(mount.resolve("..v1")).resolve("gateway.yml"), text);
        Files.createSymbolicLink(mount.resolve("..data"), Path.of("..v1"));
        Path file = Files.createSymbolicLink(mount.resolve("gateway.yml"), Path.of("..data/gateway.yml"));
        try (ConfigurableApplicationContext context =
                GatewayApplication.start(new ConfigLoader().load(file), Map.of("server.port", 0))) {
            ActiveRules rules = context.getBean(ActiveRules.class);
            String before = rules.version();

            Files.writeString(
                    Files.createDirectories(mount.resolve("..v2")).resolve("gateway.yml"),
                    text.replace(
                            "categories: [bekend-bij]\nminimisation:",
                            "categories: [bekend-bij]\n    motivation-required: true\nminimisation:"));
            Path swap = Files.createSymbolicLink(mount.resolve("..data_tmp"), Path.of("..v2"));
            Files.move(
                    swap, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

            Polling.until(
                    Duration.ofSeconds(20),
                    "the swapped ConfigMap is in force",
                    () -> !rules.version().equals(before));
            assertThat(rules.current()
                            .gateway()
                            .purpose("verkenning")
                            .orElseThrow()
                            .motivationRequired())
                    .isTrue();
        }
    }
}
