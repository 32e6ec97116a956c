package nl.wams.adapters.peer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import nl.wams.adapters.PartyHttp;

/**
 * Sends the coordinated approach's signed messages to another gateway's peer listener and asks it
 * for their status: mutual TLS with our key, the federation's trust anchors, bounded time and
 * size. Nothing is thrown: a failure is {@link PartyHttp.Exchange.Failed}.
 */
public final class PeerClient {

    /** The largest answer read (a receipt or a status is small). */
    static final long MAX_ANSWER_BYTES = 64 * 1024;

    private final HttpClient client;
    private final Duration timeout;

    public PeerClient(SSLContext sslContext, Duration timeout) {
        this.client = PartyHttp.client(timeout, Objects.requireNonNull(sslContext, "sslContext"));
        this.timeout = timeout;
    }

    /** POSTs a signed message; refuses a URL other than https (the message carries BSNs). */
    public PartyHttp.Exchange send(URI url, String jws, String transactionId) {
        https(url);
        return PartyHttp.exchange(
                client,
                HttpRequest.newBuilder(url)
                        .timeout(timeout)
                        .header("Content-Type", PeerMessages.MEDIA_TYPE)
                        .header("Accept", "application/json")
                        .header("Fsc-Transaction-Id", transactionId)
                        .POST(HttpRequest.BodyPublishers.ofString(jws))
                        .build(),
                timeout,
                MAX_ANSWER_BYTES);
    }

    /** GETs a status resource on the other gateway's peer listener. */
    public PartyHttp.Exchange get(URI url) {
        https(url);
        return PartyHttp.exchange(
                client,
                HttpRequest.newBuilder(url)
                        .timeout(timeout)
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                timeout,
                MAX_ANSWER_BYTES);
    }

    private static void https(URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("a peer URL must be https://");
        }
    }
}
