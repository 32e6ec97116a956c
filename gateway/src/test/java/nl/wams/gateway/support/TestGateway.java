package nl.wams.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import nl.wams.gateway.GatewayApplication;
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
        Path jwks = tokens.writeJwks(dir);
        Path file = dir.resolve("gateway.yml");
        Files.writeString(file, yaml.replace("${jwks}", jwks.toString()).replace("${catalogue}", CATALOGUE.toString()));
        LoadedConfig config = new ConfigLoader().load(file);
        return new TestGateway(GatewayApplication.start(config, Map.of("server.port", 0)));
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
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

    @Override
    public void close() {
        context.close();
    }
}
