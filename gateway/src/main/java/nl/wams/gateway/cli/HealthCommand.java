package nl.wams.gateway.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code health}: asks a running gateway's management port whether it is ready (exit 0) or not
 * (exit 1), for a container's health check where no curl is installed.
 */
@Command(
        name = "health",
        mixinStandardHelpOptions = true,
        description = "Ask a running gateway's management port whether it is ready: exit 0 when it is, 1 when not.")
final class HealthCommand implements Callable<Integer> {

    @Option(
            names = "--url",
            defaultValue = "http://127.0.0.1:9090/actuator/health/readiness",
            description = "The readiness endpoint. Default: ${DEFAULT-VALUE}")
    URI url;

    @Option(
            names = "--timeout",
            defaultValue = "5s",
            description =
                    "How long to wait for the answer (Java duration without PT, e.g. 5s). Default: ${DEFAULT-VALUE}")
    String timeout;

    @Override
    public Integer call() {
        Duration wait = Duration.parse("PT" + timeout.toUpperCase(java.util.Locale.ROOT));
        try {
            HttpResponse<Void> response = HttpClient.newBuilder()
                    .connectTimeout(wait)
                    .build()
                    .send(HttpRequest.newBuilder(url).timeout(wait).build(), HttpResponse.BodyHandlers.discarding());
            System.out.println(response.statusCode() == 200 ? "ready" : "not ready (" + response.statusCode() + ")");
            return response.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
            System.out.println("not ready (" + e.getClass().getSimpleName() + ")");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
