package nl.wams.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import nl.wams.gateway.cli.CliRunner;
import nl.wams.gateway.support.Backends;
import nl.wams.gateway.support.GatewayProcess;
import nl.wams.gateway.support.Household;
import nl.wams.gateway.support.ProcessListeners;
import nl.wams.gateway.support.TestFederation;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database opens no port of its own: a gateway process listens on its API and peer
 * ports and nothing else; the audit commands refuse at once while it runs, and the running
 * gateway verifies its own log for them. Only {@code audit.local-server} adds H2's server, on
 * loopback only.
 */
class EmbeddedDatabaseAccessIT {

    @RegisterExtension
    static WireMockExtension epd = Backends.wireMock();

    @TempDir
    static Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestTokens tokens = new TestTokens();
    static TestFederation pki;

    @BeforeAll
    static void pki() throws Exception {
        pki = TestFederation.create(dir.resolve("pki"));
    }

    /** A provider gateway's configuration with its API on {@code apiPort} and peer listener on {@code peerPort}. */
    static Path config(String name, int apiPort, int peerPort, boolean localServer) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        String audit = TestGateway.auditBlock(home, "ggz-1", null);
        if (localServer) {
            audit = audit.replace("\naudit:\n", "\naudit:\n  local-server: true\n");
        }
        return TestGateway.writeConfig(
                home,
                tokens,
                TestFederation.ggzProvider(epd.getPort())
                                .replace("api: { port: 0 }", "api: { port: " + apiPort + ", plain-http: true }")
                        + pki.block(TestFederation.GGZ, peerPort)
                        + audit);
    }

    static HttpResponse<String> get(int port, String path, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    static Set<Integer> ports(Set<ProcessListeners.Listener> listeners) {
        return listeners.stream().map(ProcessListeners.Listener::port).collect(Collectors.toSet());
    }

    @Test
    void theGatewayProcessListensOnlyOnItsConfiguredPorts() throws Exception {
        int api = GatewayProcess.freePort();
        int peer = GatewayProcess.freePort();
        try (GatewayProcess gateway = GatewayProcess.run(config("only-configured", api, peer, false), api)) {
            // The database is open and written (the start is logged) before the gateway is ready.
            assertThat(get(api, "/api/v1/verwerkingen", tokens.withRoles("fg-1", "auditor"))
                            .statusCode())
                    .isEqualTo(200);

            Set<ProcessListeners.Listener> listeners = ProcessListeners.of(gateway.pid());

            assertThat(ports(listeners)).as(listeners.toString()).containsExactlyInAnyOrder(api, peer);
            assertThat(listeners)
                    .allSatisfy(l -> assertThat(l.loopback()).as(l.toString()).isTrue());
        }
    }

    @Test
    void auditCommandsRefuseAtOnceWhileTheGatewayRunsAndTheGatewayVerifiesItsOwnLog() throws Exception {
        int api = GatewayProcess.freePort();
        Path config = config("refuse", api, GatewayProcess.freePort(), false);
        try (GatewayProcess gateway = GatewayProcess.run(config, api)) {
            // An access report is recorded: the log has a chain to verify.
            HttpResponse<String> inzage = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/api/v1/inzageverzoeken"))
                                    .header("Authorization", "Bearer " + tokens.withRoles("fg-1", "auditor"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"bsn\":\"" + Household.CLIENT + "\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(inzage.statusCode()).as(inzage.body()).isEqualTo(200);

            var verify = CliRunner.run("audit", "verify", "--config", config.toString());

            assertThat(verify.code()).isEqualTo(3);
            assertThat(verify.err().strip().lines())
                    .singleElement()
                    .satisfies(line -> assertThat(line)
                            .contains("is in use by a running gateway")
                            .contains("GET /api/v1/verwerkingen/verificatie"));
            HttpResponse<String> verified =
                    get(api, "/api/v1/verwerkingen/verificatie", tokens.withRoles("fg-1", "auditor"));
            assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
            JsonNode report = JSON.readTree(verified.body());
            assertThat(report.get("intact").asBoolean()).isTrue();
            assertThat(report.get("ketens").asInt()).isEqualTo(1);
            assertThat(report.get("records").asInt()).isEqualTo(1);
            assertThat(get(api, "/api/v1/verwerkingen/verificatie", tokens.coordinator("cw-1"))
                            .statusCode())
                    .isEqualTo(403);
        }
        // Stopped: the command opens the file itself.
        var verify = CliRunner.run("audit", "verify", "--config", config.toString());
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("INTACT");
    }

    @Test
    void withLocalServerTheOnlyExtraListenerIsOnLoopbackAndCommandsReadTheRunningLog() throws Exception {
        int api = GatewayProcess.freePort();
        int peer = GatewayProcess.freePort();
        Path config = config("local-server", api, peer, true);
        try (GatewayProcess gateway = GatewayProcess.run(config, api)) {
            Set<ProcessListeners.Listener> listeners = ProcessListeners.of(gateway.pid());

            assertThat(ports(listeners))
                    .as(listeners.toString())
                    .contains(api, peer)
                    .hasSize(3);
            assertThat(listeners)
                    .allSatisfy(l -> assertThat(l.loopback()).as(l.toString()).isTrue());
            var verify = CliRunner.run("audit", "verify", "--config", config.toString());
            assertThat(verify.code()).as(verify.err()).isZero();
            assertThat(verify.out()).contains("INTACT");
        }
    }
}
