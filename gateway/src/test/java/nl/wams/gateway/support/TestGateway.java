package nl.wams.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import nl.wams.gateway.GatewayApplication;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.LoadedConfig;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real gateway for integration tests: the YAML configuration is written to a temp folder,
 * loaded through the same {@link ConfigLoader} as production, and started on a free port.
 */
public final class TestGateway implements AutoCloseable {

    /** The catalogue shipped in {@code config/}, so tests use what users get. */
    public static final Path CATALOGUE =
            Path.of("../config/catalogue.yml").toAbsolutePath().normalize();

    private final ConfigurableApplicationContext context;
    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestGateway(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** Writes {@code yaml} (with {@code ${jwks}} and {@code ${catalogue}} filled in) and starts it. */
    public static TestGateway start(Path dir, TestTokens tokens, String yaml) throws IOException {
        LoadedConfig config = new ConfigLoader().load(writeConfig(dir, tokens, yaml));
        return new TestGateway(GatewayApplication.start(config, Map.of("server.port", 0)));
    }

    /**
     * Writes {@code yaml} as {@code dir/gateway.yml} the way {@link #start} uses it (JWKS, catalogue,
     * plain HTTP on loopback, an audit block with fresh keys) and returns the file.
     */
    public static Path writeConfig(Path dir, TestTokens tokens, String yaml) throws IOException {
        Path jwks = tokens.writeJwks(dir);
        Path file = dir.resolve("gateway.yml");
        // Tests talk plain HTTP on loopback, which a configuration must allow explicitly.
        String text = yaml.replace("${jwks}", jwks.toString())
                .replace("${catalogue}", CATALOGUE.toString())
                .replace("api: { port: 0 }", "api: { port: 0, plain-http: true }")
                .replace(
                        "api: { port: 0, max-request-bytes: 4096 }",
                        "api: { port: 0, max-request-bytes: 4096, plain-http: true }");
        if (!text.contains("\naudit:")) {
            text = text + auditBlock(dir, "test-node", null);
        }
        Files.writeString(file, text);
        return file;
    }

    /**
     * An {@code audit:} block with fresh test keys in {@code dir}; H2 under {@code dir} unless a
     * PostgreSQL JDBC URL is given.
     */
    public static String auditBlock(Path dir, String nodeId, String postgresUrl) throws IOException {
        Path pseudonymKey = dir.resolve("pseudonym.key");
        if (!Files.exists(pseudonymKey)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(pseudonymKey, Base64.getEncoder().encodeToString(key));
            Files.writeString(
                    dir.resolve("audit.jwk.json"),
                    TestTokens.newKey("test-audit").toJSONString());
            byte[] dataKey = new byte[32];
            new SecureRandom().nextBytes(dataKey);
            Files.writeString(dir.resolve("data.key"), Base64.getEncoder().encodeToString(dataKey));
        }
        String database = postgresUrl == null
                ? "  data-dir: \"" + dir.resolve("audit-data") + "\"\n"
                : "  database: { url: \"" + postgresUrl + "\", user: postgres, password: postgres }\n";
        return "\naudit:\n" + database
                + "  node-id: " + nodeId + "\n"
                + "  pseudonym-key-file: \"" + pseudonymKey + "\"\n"
                + "  data-key-file: \"" + dir.resolve("data.key") + "\"\n"
                + "  signing-key-file: \"" + dir.resolve("audit.jwk.json") + "\"\n"
                + "  checkpoint: { every-records: 10, every: 1s }\n";
    }

    /**
     * The lines every test requester starts with: Testgemeente (or {@code name}) as requester, the
     * API on a free port, tokens of {@link TestTokens}, the shipped catalogue.
     */
    public static String requesterHeader(String name) {
        return """
                identity: { oin: "00000099000000000001", name: %s, roles: [requester] }
                api: { port: 0 }
                authentication: { issuer: "%s", audience: wams-gateway, jwks-file: "${jwks}" }
                catalogue: "${catalogue}"
                """.formatted(name, TestTokens.ISSUER);
    }

    public static String requesterHeader() {
        return requesterHeader("Testgemeente");
    }

    /**
     * A requester (Testgemeente) whose one purpose, verkenning, may ask for {@code bekend-bij},
     * kept as is; the caller appends {@code parties:} and the rest.
     */
    public static String verkenningRequester() {
        return requesterHeader() + """
                purposes:
                  - id: verkenning
                    phase: verkenning
                    legal-basis: { id: wmo-verkenning, text: "Wmo 2015 (Wams): verkenning" }
                    categories: [bekend-bij]
                minimisation:
                  verkenning:
                    bekend-bij: { bekend: keep }
                """;
    }

    /** One REST party, {@code ggz}, offering {@code bekend-bij} at {@code http://127.0.0.1:port/ggz}. */
    public static String ggzRestParty(int port) {
        return """
                parties:
                  - id: ggz
                    name: GGZ Test
                    oin: "00000099000000000101"
                    domain: zorg-ggz
                    categories: [bekend-bij]
                    adapter:
                      type: rest
                      url: http://127.0.0.1:%d/ggz
                      mappings:
                        bekend-bij: { bekend: /bekend }
                """.formatted(port);
    }

    /** The port of the requester API. */
    public int port() {
        return base.getPort();
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> sendBytes(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The ids ({@code jti}) of the signed peer messages this gateway has taken in, as its replay store keeps them. */
    public List<String> replayIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = bean(AuditStore.class).dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT jti FROM peer_replay")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    @Override
    public void close() {
        context.close();
    }
}
