package nl.wams.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real gateway for a test class: started before the first test (after the stand-in backends,
 * so the configuration can name their ports) in a folder of its own, closed after the last.
 *
 * <pre>
 * static final TestTokens tokens = new TestTokens();
 * &#64;RegisterExtension static WireMockExtension ggz = Backends.wireMock();
 * &#64;RegisterExtension &#64;Order(Backends.AFTER_BACKENDS)
 * static GatewayExtension gateway = GatewayExtension.of(tokens, () -> TestGateway.requesterHeader() + "...");
 * </pre>
 */
public final class GatewayExtension implements BeforeAllCallback, AfterAllCallback {

    private final TestTokens tokens;
    private final Supplier<String> yaml;
    private Path dir;
    private TestGateway gateway;

    private GatewayExtension(TestTokens tokens, Supplier<String> yaml) {
        this.tokens = tokens;
        this.yaml = yaml;
    }

    /** A gateway whose configuration {@code yaml} gives when the class starts (see {@link TestGateway#start}). */
    public static GatewayExtension of(TestTokens tokens, Supplier<String> yaml) {
        return new GatewayExtension(tokens, yaml);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("wams-it-");
        gateway = TestGateway.start(dir, tokens, yaml.get());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        TestFiles.deleteTree(dir);
    }

    /** The folder of the gateway's configuration ({@code gateway.yml}), keys and embedded database. */
    public Path dir() {
        return dir;
    }

    public TestGateway gateway() {
        if (gateway == null) {
            throw new IllegalStateException("the gateway starts before the first test");
        }
        return gateway;
    }

    public URI uri(String path) {
        return gateway().uri(path);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return gateway().send(request);
    }

    public HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        return gateway().post(path, token, json);
    }

    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return gateway().get(path, token);
    }

    public <T> T bean(Class<T> type) {
        return gateway().bean(type);
    }
}
