package nl.wams.adapters;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * One HTTP exchange with a party, as the REST and peer adapters make it: send, then read at most
 * {@code maxBytes + 1} bytes of the answer (so that "too large" can be told without reading more).
 * Every failure becomes the reason the party is unreachable; nothing is thrown.
 */
public final class PartyHttp {

    private PartyHttp() {}

    /**
     * The client every adapter asks a party with: no redirects (a party's answer comes from the
     * configured address or not at all), {@code connectTimeout} per connection, and the TLS context
     * of the party ({@code null}: the JVM's trust store, no client certificate).
     *
     * <p>The client's own work (TLS, reading and handing over the answer) runs on its selector
     * thread instead of being passed to a pool of worker threads: the caller waits for the answer
     * anyway (for a data request the party's call thread, see {@code PartyGuard}; for the other
     * callers the thread that sends), and every hand-over between threads costs CPU. Nothing the
     * client runs this way blocks: the answer is read by the caller from an {@link InputStream}.
     * Measured with {@code MODE=threads bench/throughput.sh}: the party call and
     * the client's threads took ~14 % less CPU relative to the request threads (docs/performance.md).
     */
    public static HttpClient client(Duration connectTimeout, SSLContext sslContext) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Runnable::run);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        return builder.build();
    }

    /** What came of the exchange. */
    public sealed interface Exchange {
        /** An answer arrived; {@code body} holds at most {@code maxBytes + 1} bytes. */
        record Received(int status, HttpHeaders headers, byte[] body) implements Exchange {
            public boolean larger(long maxBytes) {
                return body.length > maxBytes;
            }
        }

        /** No (complete) answer: timeout, connection failure or interruption. */
        record Failed(String reason) implements Exchange {}
    }

    public static Exchange exchange(HttpClient client, HttpRequest request, Duration timeout, long maxBytes) {
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            return new Exchange.Failed("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Exchange.Failed("connection failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange.Failed("interrupted");
        }
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBytes + 1));
            return new Exchange.Received(response.statusCode(), response.headers(), body);
        } catch (HttpTimeoutException e) {
            return new Exchange.Failed("answer not complete within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Exchange.Failed(
                    "connection failed while reading: " + e.getClass().getSimpleName());
        }
    }
}
