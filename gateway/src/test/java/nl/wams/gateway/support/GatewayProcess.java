package nl.wams.gateway.support;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A gateway in a process of its own ({@code wams-gateway run --config FILE} on this JVM's class
 * path), for tests that must kill a real process: {@link #kill()} is SIGKILL, nothing in the
 * gateway runs after it.
 */
public final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private GatewayProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code run --config file} and waits (bounded) until {@code port} accepts connections. */
    public static GatewayProcess run(Path config, int port, String... extraJvmArgs) throws IOException {
        Path output = config.resolveSibling("gateway-process.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(extraJvmArgs));
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "nl.wams.gateway.cli.WamsGatewayCli",
                "run",
                "--config",
                config.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        GatewayProcess gateway = new GatewayProcess(process, output);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        // Listening is not ready: until every route runs the gateway answers 503 nog-niet-gereed.
        while (!gateway.accepts(port) || !gateway.ready(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "gateway process ended with " + process.exitValue() + ":\n" + gateway.output());
            }
            if (System.nanoTime() > deadline) {
                gateway.kill();
                throw new IllegalStateException("gateway process did not listen within 90 s:\n" + gateway.output());
            }
            Polling.pause();
        }
        return gateway;
    }

    /** A port that was free a moment ago. */
    public static int freePort() {
        return TestPorts.free();
    }

    private boolean ready(int port) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/openapi.json"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() != 503;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM (what a container runtime sends to stop), and waits (bounded) until the process is gone. */
    public int terminate(Duration bound) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(bound.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            kill();
            throw new IllegalStateException("gateway process did not stop within " + bound + " after SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the process printed so far. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
