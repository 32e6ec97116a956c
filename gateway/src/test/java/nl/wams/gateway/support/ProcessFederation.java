package nl.wams.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditSetup;
import nl.wams.gateway.audit.AuditStore;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Gemeente Voorbeeldstad (requester) and GGZ Noordkust (provider) as two real gateway processes
 * over mutual TLS, each with its own database (H2 files, or two PostgreSQL databases), for tests
 * that kill one of them with SIGKILL. GGZ's EPD is the caller's WireMock at {@code epdPort}.
 */
public final class ProcessFederation implements AutoCloseable {

    /** Where both gateways keep their logs, results and reviews. */
    public enum Database {
        H2,
        POSTGRES
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final TestTokens tokens;
    private final TestPostgres postgres;
    private final Path requesterHome;
    private final Path providerHome;
    private final Path requesterConfig;
    private final Path providerConfig;
    private final String requesterUrl;
    private final String providerUrl;
    private final int requesterApi = GatewayProcess.freePort();
    private final int providerApi = GatewayProcess.freePort();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private GatewayProcess requester;
    private GatewayProcess provider;

    private ProcessFederation(Path dir, TestTokens tokens, Database database, int epdPort, String polling)
            throws Exception {
        this.tokens = tokens;
        this.postgres = database == Database.POSTGRES ? TestPostgres.start() : null;
        TestFederation pki = TestFederation.create(dir.resolve("pki"));
        int providerPeer = GatewayProcess.freePort();
        requesterHome = Files.createDirectories(dir.resolve("gemeente"));
        providerHome = Files.createDirectories(dir.resolve("ggz"));
        requesterUrl = postgres == null ? null : postgres.database("gemeente");
        providerUrl = postgres == null ? null : postgres.database("ggz");
        providerConfig = TestGateway.writeConfig(
                providerHome,
                tokens,
                TestFederation.ggzProvider(epdPort)
                                .replace("api: { port: 0 }", "api: { port: " + providerApi + ", plain-http: true }")
                        + pki.block(TestFederation.GGZ, providerPeer)
                        + TestGateway.auditBlock(providerHome, "ggz-1", providerUrl));
        requesterConfig = TestGateway.writeConfig(
                requesterHome,
                tokens,
                TestFederation.gemeenteRequester()
                                .replace("api: { port: 0 }", "api: { port: " + requesterApi + ", plain-http: true }")
                        + TestFederation.ONDERZOEK
                        + polling
                        + "\n"
                        + TestFederation.ggzPeerParty(providerPeer, "bekend-bij, contactprofessional, ggz-behandeling")
                                // A provider back from an outage is asked again within seconds.
                                .replace("    adapter:", "    circuit-breaker: { open-duration: 2s }\n    adapter:")
                        + pki.block(TestFederation.GEMEENTE, false)
                        + TestGateway.auditBlock(requesterHome, "gemeente-1", requesterUrl));
    }

    /**
     * Writes both configurations and starts both gateways (provider first). The requester polls
     * often and does not give up while a killed provider restarts (which takes seconds to half a
     * minute on a busy machine).
     */
    public static ProcessFederation start(Path dir, TestTokens tokens, Database database, int epdPort)
            throws Exception {
        ProcessFederation federation = new ProcessFederation(
                dir,
                tokens,
                database,
                epdPort,
                "review-polling: { first: 200ms, max-interval: 1s, every: 100ms, max-failures: 1000 }");
        federation.startProvider();
        federation.startRequester();
        return federation;
    }

    public void startProvider() throws Exception {
        provider = GatewayProcess.run(providerConfig, providerApi);
    }

    public void startRequester() throws Exception {
        requester = GatewayProcess.run(requesterConfig, requesterApi);
    }

    /** SIGKILL of the provider process. */
    public void killProvider() {
        provider.kill();
    }

    /** SIGKILL of the requester process. */
    public void killRequester() {
        requester.kill();
    }

    public Path requesterConfig() {
        return requesterConfig;
    }

    public Path providerConfig() {
        return providerConfig;
    }

    /** A data request of the municipality's coordinator; the raw answer. */
    public HttpResponse<String> ask(String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(requesterApi, "/api/v1/gegevensverzoeken"))
                .header("Authorization", "Bearer " + tokens.coordinator("cw-1"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** The result of a data request as the coordinator sees it. */
    public JsonNode result(String id) throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri(requesterApi, "/api/v1/gegevensverzoeken/" + id))
                        .header("Authorization", "Bearer " + tokens.coordinator("cw-1"))
                        .build());
        return JSON.readTree(response.body());
    }

    /** A call of GGZ's professional (role reviewer) on the provider's API. */
    public JsonNode reviewer(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(providerApi, path))
                .header("Authorization", "Bearer " + tokens.withRoles("behandelaar-1", "reviewer"));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = send(request.build());
        return JSON.createObjectNode()
                .put("status", response.statusCode())
                .set("body", response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    /** The provider's own review id of the requester's request {@code transactionId}, from the inbox. */
    public String reviewId(String transactionId) throws Exception {
        for (JsonNode review :
                reviewer("GET", "/api/v1/beoordelingen?paginaGrootte=500", null).at("/body/beoordelingen")) {
            if (review.path("transactieId").asText().equals(transactionId)) {
                return review.path("id").asText();
            }
        }
        return null;
    }

    /**
     * Removes the review of the requester's request {@code transactionId} from the provider's
     * database, as a provider that lost it would be: only
     * while the provider process is stopped (its H2 file is its own while it runs).
     */
    public void forgetReviewOf(String transactionId) throws Exception {
        try (Connection c = connection(providerHome, providerUrl);
                PreparedStatement s = c.prepareStatement("DELETE FROM review WHERE transaction_id = ?")) {
            s.setString(1, transactionId);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("no review of " + transactionId);
            }
        }
    }

    /** SIGKILL of both gateways; the databases stay (for reading logs and running commands). */
    public void killBoth() {
        if (requester != null) {
            requester.kill();
        }
        if (provider != null) {
            provider.kill();
        }
    }

    /** Every record of the requester's log (read from its database: stop or kill it first on H2). */
    public List<AuditEntry> requesterLog() throws Exception {
        return log(requesterHome, requesterUrl, "gemeente-1");
    }

    /** Every record of the provider's log (read from its database: stop or kill it first on H2). */
    public List<AuditEntry> providerLog() throws Exception {
        return log(providerHome, providerUrl, "ggz-1");
    }

    private List<AuditEntry> log(Path home, String url, String node) throws Exception {
        List<AuditEntry> entries = new ArrayList<>();
        new AuditStore(dataSource(home, url)).forEachRecord(node, r -> entries.add(r.entry()));
        return entries;
    }

    private javax.sql.DataSource dataSource(Path home, String url) {
        if (url == null) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(AuditSetup.h2Url(home.resolve("audit-data"), false));
            h2.setUser("sa");
            h2.setPassword("");
            return h2;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url);
        pg.setUser("postgres");
        pg.setPassword("postgres");
        return pg;
    }

    private Connection connection(Path home, String url) throws Exception {
        return url == null
                ? DriverManager.getConnection(AuditSetup.h2Url(home.resolve("audit-data"), false), "sa", "")
                : DriverManager.getConnection(url, "postgres", "postgres");
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        if (requester != null) {
            requester.close();
        }
        if (provider != null) {
            provider.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
