package nl.wams.adapters;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One HTTP exchange with a party, as the REST and peer adapters make it: send, then read at most
 * {@code maxBytes + 1} bytes of the answer (so that "too large" can be told without reading more).
 * Every failure becomes the reason the party is unreachable; nothing is thrown.
 */
public final class PartyHttp {

    private PartyHttp() {}

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
