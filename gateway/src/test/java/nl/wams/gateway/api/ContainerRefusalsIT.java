package nl.wams.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the servlet container refuses before any filter runs is problem+json too, and never echoes
 * the request. Raw requests over a socket, because an HTTP client would not send them.
 */
class ContainerRefusalsIT {

    @TempDir
    static Path dir;

    static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(dir, new TestTokens(), TestGateway.verkenningRequester() + "parties: []\n");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** Sends {@code request} as is and returns the whole answer (head and body). */
    static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /api/v1/gegevensverzoeken%2F999990019 HTTP/1.1",
                "GET /api/v1/gegevensverzoeken/%00999990019 HTTP/1.1",
                "GET /api/v1/gegevensverzoeken/%25999990019%zz HTTP/1.1",
            })
    void aPathTheContainerRefusesIsAProblemWithoutEcho(String requestLine) throws Exception {
        String answer = raw(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"type\":\"https://wams-gateway.example/problemen/ongeldig-verzoek\"");
        assertThat(answer).doesNotContain("999990019").doesNotContainIgnoringCase("<html");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /api/v1/openapi.json HTTP/1.1\r\nX-Big: %s\r\n",
                "POST /api/v1/gegevensverzoeken HTTP/1.1\r\nContent-Length: abc999990019\r\n",
                "GET /api/v1/openapi.json HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n",
                "FOO /api/v1/gegevensverzoeken HTTP/1.1\r\n",
            })
    void headersAndMethodsTheServerRefusesAreAProblemWithoutEcho(String head) throws Exception {
        String answer = raw(head.formatted("a".repeat(20_000)) + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("/problemen/ongeldig-verzoek").doesNotContain("999990019");
    }

    /**
     * A bearer token is read through Spring Security's firewall: a control character in it (byte
     * 0x85, NEL, which the container passes as Latin-1) is refused as a bad request, not judged as
     * a token; a letter outside ASCII passes the firewall and is then an invalid token.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\u0085:400:ongeldig-verzoek", "\u00e9:401:niet-geauthenticeerd"})
    void theFirewallRefusesControlCharactersInAHeaderAndLetsOtherLettersThrough(String example) throws Exception {
        String[] parts = example.split(":");
        String answer = raw("GET /api/v1/gegevensverzoeken/01900000-0000-7000-8000-000000000000 HTTP/1.1\r\n"
                + "Authorization: Bearer 999990019" + parts[0] + "abc\r\n"
                + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 " + parts[1]);
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("/problemen/" + parts[2]).doesNotContain("999990019");
    }
}
