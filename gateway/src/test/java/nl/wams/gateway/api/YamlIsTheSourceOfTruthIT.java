package nl.wams.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;

/** Spring properties from outside (SERVER_PORT, -Dserver.address) never override the gateway YAML. */
class YamlIsTheSourceOfTruthIT {

    @RegisterExtension
    static WireMockExtension party = Backends.wireMock();

    @TempDir
    Path dir;

    @Test
    void aListenAddressFromTheEnvironmentDoesNotOverrideTheYaml() throws Exception {
        System.setProperty("server.address", "0.0.0.0");
        System.setProperty("spring.servlet.multipart.enabled", "true");
        try (TestGateway gateway = TestGateway.start(
                dir, new TestTokens(), TestGateway.verkenningRequester() + TestGateway.ggzRestParty(party.getPort()))) {
            Environment environment = gateway.bean(Environment.class);
            assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
            assertThat(environment.getProperty("spring.servlet.multipart.enabled"))
                    .isEqualTo("false");
        } finally {
            System.clearProperty("server.address");
            System.clearProperty("spring.servlet.multipart.enabled");
        }
    }
}
