package nl.wams.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code request}: a small client for the requester API. Sends a request file (or fetches an
 * earlier request by id) and prints the outcome per party as a table; {@code --json} prints the
 * raw answer.
 */
@Command(
        name = "request",
        mixinStandardHelpOptions = true,
        description = "Send a data request and show the outcome per party.")
final class RequestCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--gateway", required = true, description = "Base URL of the gateway, e.g. https://127.0.0.1:8443")
    URI gateway;

    @Option(names = "--token", required = true, description = "File with the bearer token.")
    Path token;

    @Option(
            names = "--cacert",
            defaultValue = "certs-example/root-ca.crt.pem",
            description = "PEM with the CA to trust. Default: ${DEFAULT-VALUE}")
    Path cacert;

    @Option(names = "--id", description = "Show an earlier request instead of sending one.")
    String id;

    @Option(names = "--wait", defaultValue = "0", description = "Seconds to wait for parties that are still deciding.")
    long waitSeconds;

    @Option(names = "--json", description = "Print the raw JSON answer.")
    boolean json;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REQUEST.json", description = "The request body.")
    Path request;

    /** Exit code when the gateway cannot be reached or a local file cannot be read. */
    static final int UNREACHABLE = 3;

    /** Every problem of reaching the gateway or reading a local file is one line, never a stack trace. */
    @Override
    public Integer call() throws Exception {
        try {
            return ask();
        } catch (NoSuchFileException | AccessDeniedException e) {
            System.err.println("cannot read " + e.getFile());
            return UNREACHABLE;
        } catch (CertificateException | KeyStoreException e) {
            System.err.println("--cacert " + cacert + " is not a readable PEM certificate");
            return UNREACHABLE;
        } catch (SSLException e) {
            System.err.println(
                    "TLS with " + gateway + " failed: is --cacert (" + cacert + ") the CA of its certificate?");
            return UNREACHABLE;
        } catch (IOException e) {
            System.err.println("cannot reach the gateway at " + gateway + " ("
                    + e.getClass().getSimpleName() + ")");
            return UNREACHABLE;
        }
    }

    private Integer ask() throws Exception {
        if ((request == null) == (id == null)) {
            System.err.println("give a REQUEST.json to send, or --id to show an earlier request");
            return 2;
        }
        HttpClient client = HttpClient.newBuilder()
                .sslContext(trusting(cacert))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        String bearer = "Bearer " + Files.readString(token).strip();
        HttpResponse<String> response = request != null
                ? client.send(
                        HttpRequest.newBuilder(gateway.resolve("/api/v1/gegevensverzoeken"))
                                .header("Authorization", bearer)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofFile(request))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                : get(client, bearer, id);
        Instant deadline = Instant.now().plusSeconds(waitSeconds);
        String requestId = JSON.readTree(response.body()).path("id").asText();
        while (pending(response) && Instant.now().isBefore(deadline)) {
            // The gateway fetches the party's decision in the background; ask again shortly.
            TimeUnit.MILLISECONDS.sleep(500);
            response = get(client, bearer, requestId);
        }
        if (json || response.statusCode() >= 400) {
            System.out.println(response.body());
            return response.statusCode() >= 400 ? 1 : 0;
        }
        print(JSON.readTree(response.body()));
        return 0;
    }

    private HttpResponse<String> get(HttpClient client, String bearer, String requestId) throws Exception {
        return client.send(
                HttpRequest.newBuilder(gateway.resolve("/api/v1/gegevensverzoeken/" + requestId))
                        .header("Authorization", bearer)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean pending(HttpResponse<String> response) throws Exception {
        return response.statusCode() < 300
                && JSON.readTree(response.body()).path("status").asText().equals("IN_BEHANDELING");
    }

    static void print(JsonNode answer) {
        System.out.printf(
                "gegevensverzoek %s  status %s  doel %s  zaak %s%n",
                answer.path("id").asText(),
                answer.path("status").asText(),
                answer.path("doel").asText(),
                answer.path("zaakkenmerk").asText());
        System.out.printf("%-26s %-24s %-40s %s%n", "PARTIJ", "UITKOMST", "GROND / TOELICHTING", "VERWIJDERDE VELDEN");
        for (JsonNode r : answer.path("resultaten")) {
            String ground = r.has("grond")
                    ? r.get("grond").asText()
                            + (r.has("motivering") ? ": " + r.get("motivering").asText() : "")
                    : r.path("toelichting").asText("");
            StringBuilder removed = new StringBuilder();
            r.path("verwijderdeVelden")
                    .forEach(f -> removed.append(removed.isEmpty() ? "" : ", ").append(f.asText()));
            System.out.printf(
                    "%-26s %-24s %-40s %s%n",
                    r.path("partij").asText(), r.path("uitkomst").asText(), ground, removed);
            for (JsonNode person : r.path("personen")) {
                System.out.printf(
                        "    %s %s: %s%n",
                        person.path("rol").asText(), mask(person.path("bsn").asText()), person.path("gegevens"));
            }
        }
    }

    private static String mask(String bsn) {
        return bsn.length() <= 4 ? "****" : "*".repeat(bsn.length() - 4) + bsn.substring(bsn.length() - 4);
    }

    /** Trusts the CAs in a PEM file (the demo root); the JVM's default trust when it does not exist. */
    static SSLContext trusting(Path pem) throws Exception {
        if (!Files.exists(pem)) {
            return SSLContext.getDefault();
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            if (i == 0) {
                throw new CertificateException("no certificate in " + pem);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
