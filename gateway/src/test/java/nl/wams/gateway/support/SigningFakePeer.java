package nl.wams.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerSigner;

/**
 * A party gateway that behaves as a hostile one would: it holds GGZ's real TLS and signing keys,
 * so its answers pass every signature, signer and binding check, and it answers with whatever a
 * test sets. For tests of what a signed, bound answer can (not) make the requester do.
 */
public final class SigningFakePeer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to answer: a status, headers and the answer object to sign (or a raw body). */
    public record Reply(int status, Map<String, String> headers, JsonNode signedAnswer, String rawBody) {
        public static Reply signed(int status, String answerJson) {
            try {
                return new Reply(status, Map.of(), JSON.readTree(answerJson), null);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Reply(status, all, signedAnswer, rawBody);
        }
    }

    private final HttpsServer server;
    private final AtomicReference<Reply> reply = new AtomicReference<>();
    private final AtomicReference<Reply> statusReply = new AtomicReference<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public SigningFakePeer(TestFederation pki, String requesterOin) throws Exception {
        PeerSigner signer = pki.signer(TestFederation.GGZ);
        PeerMessages messages = pki.messages();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        var tls = pki.client(TestFederation.GGZ.id() + "-tls.p12");
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                var ssl = tls.getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                String requestJws = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
                Reply status = statusReply.get();
                Reply r = "GET".equals(exchange.getRequestMethod()) && status != null ? status : reply.get();
                byte[] body;
                if (r.signedAnswer() != null) {
                    String bound = requestJws.isEmpty() ? lastRequest : requestJws;
                    body = messages.signAnswer(signer, requesterOin, bound, "fake-" + requests.size(), r.signedAnswer())
                            .getBytes(StandardCharsets.US_ASCII);
                    exchange.getResponseHeaders().set("Content-Type", PeerMessages.MEDIA_TYPE);
                } else {
                    body = r.rawBody().getBytes(StandardCharsets.UTF_8);
                }
                if (!requestJws.isEmpty()) {
                    lastRequest = requestJws;
                }
                r.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.sendResponseHeaders(r.status(), body.length);
                exchange.getResponseBody().write(body);
            } catch (Exception e) {
                send500(exchange);
            }
        });
        server.start();
    }

    private volatile String lastRequest = "";

    private static void send500(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(500, -1);
    }

    /** What to answer from now on, to requests and to polls of a status resource alike. */
    public void answer(Reply next) {
        reply.set(next);
        statusReply.set(null);
    }

    /** What to answer polls of a status resource (GET) from now on; requests keep {@link #answer}. */
    public void answerPolls(Reply next) {
        statusReply.set(next);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Method and path of every request it received. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
