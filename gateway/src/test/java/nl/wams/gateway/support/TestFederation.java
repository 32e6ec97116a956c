package nl.wams.gateway.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerSigner;
import nl.wams.adapters.peer.PeerTrust;
import nl.wams.gateway.federation.DemoPki;

/**
 * A demo PKI for federation tests, written to a folder: per organisation {@code <id>-tls.p12} and
 * {@code <id>-signing.p12}, a {@code trust.p12}, and an {@code untrusted-*} set from another CA.
 */
public final class TestFederation {

    public static final DemoPki.Organisation GEMEENTE = DemoPki.DEMO.get(0);
    public static final DemoPki.Organisation GGZ = DemoPki.DEMO.get(1);
    public static final DemoPki.Organisation WOON = DemoPki.DEMO.get(2);

    /** An organisation with its name and OIN as a provider configuration needs them. */
    public record Org(DemoPki.Organisation org) {
        public String oin() {
            return org.oin();
        }

        public String name() {
            return org.name();
        }
    }

    private final Path dir;

    private TestFederation(Path dir) {
        this.dir = dir;
    }

    /** For static initialisers, where checked exceptions cannot be thrown. */
    public static TestFederation createUnchecked(Path dir) {
        try {
            return create(dir);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestFederation create(Path dir) throws Exception {
        Files.createDirectories(dir);
        DemoPki pki = DemoPki.create("test federation root", Duration.ofDays(10));
        pki.writeTrust(dir);
        Instant from = Instant.now().minusSeconds(300);
        Instant to = Instant.now().plus(Duration.ofDays(5));
        for (DemoPki.Organisation org : DemoPki.DEMO) {
            DemoPki.write(dir, org.id() + "-tls", pki.tls(org, from, to));
            DemoPki.write(dir, org.id() + "-signing", pki.signing(org, from, to));
        }
        DemoPki other = DemoPki.create("someone else's root", Duration.ofDays(10));
        DemoPki.write(dir, "untrusted-tls", other.tls(GEMEENTE, from, to));
        return new TestFederation(dir);
    }

    /** A client TLS context with this PKCS#12 key (or none) that trusts the federation root. */
    public SSLContext client(String keyStore) throws Exception {
        KeyStore trust = load("trust.p12");
        var anchors = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        anchors.init(trust);
        KeyManager[] keys = null;
        if (keyStore != null) {
            var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyStore), DemoPki.PASSWORD.toCharArray());
            keys = kmf.getKeyManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, anchors.getTrustManagers(), null);
        return context;
    }

    /** A signer for an organisation's signing key. */
    public PeerSigner signer(DemoPki.Organisation org) throws Exception {
        KeyStore store = load(org.id() + "-signing.p12");
        String alias = store.aliases().nextElement();
        List<X509Certificate> chain = new ArrayList<>();
        for (var c : store.getCertificateChain(alias)) {
            chain.add((X509Certificate) c);
        }
        return new PeerSigner((PrivateKey) store.getKey(alias, DemoPki.PASSWORD.toCharArray()), chain);
    }

    public PeerMessages messages() throws Exception {
        return new PeerMessages(PeerTrust.of(load("trust.p12")), Clock.systemUTC());
    }

    public KeyStore load(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file(name))) {
            store.load(in, DemoPki.PASSWORD.toCharArray());
        }
        return store;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** The {@code federation:} block for an organisation; a listener on a free port when {@code listen}. */
    public String block(DemoPki.Organisation org, boolean listen) {
        return "\nfederation:\n"
                + "  tls: { path: \"" + file(org.id() + "-tls.p12") + "\", password: " + DemoPki.PASSWORD + " }\n"
                + "  signing: { path: \"" + file(org.id() + "-signing.p12") + "\", password: " + DemoPki.PASSWORD
                + " }\n"
                + "  trust-store: { path: \"" + file("trust.p12") + "\", password: " + DemoPki.PASSWORD + " }\n"
                + (listen ? "  listener: { host: 127.0.0.1, port: 0 }\n" : "");
    }

    /** The {@code federation:} block for an organisation with its peer listener on {@code port}. */
    public String block(DemoPki.Organisation org, int port) {
        return block(org, false) + "  listener: { host: 127.0.0.1, port: " + port + " }\n";
    }

    /**
     * GGZ Noordkust as a provider for Gemeente Voorbeeldstad's purpose {@code onderzoek}:
     * {@code bekend-bij} released automatically, {@code contactprofessional} and
     * {@code ggz-behandeling} after a professional's review, from a REST EPD at
     * {@code http://127.0.0.1:backendPort/epd}. The caller appends the {@code federation:} block.
     */
    public static String ggzProvider(int backendPort) {
        return """
                identity: { oin: "%s", name: GGZ Noordkust, roles: [provider] }
                api: { port: 0 }
                authentication: { issuer: "%s", audience: wams-gateway, jwks-file: "${jwks}" }
                catalogue: "${catalogue}"
                %s
                parties: []
                provider:
                  serves:
                    - requester-oin: "%s"
                      purposes: [onderzoek]
                  release-policy: { bekend-bij: AUTOMATISCH, contactprofessional: BEOORDELING, ggz-behandeling: BEOORDELING }
                  backend:
                    type: rest
                    url: http://127.0.0.1:%d/epd
                    mappings:
                      bekend-bij: { bekend: /inZorg }
                      contactprofessional: { naam: /behandelaar }
                      ggz-behandeling: { inBehandeling: /inZorg }
                """.formatted(GGZ.oin(), TestTokens.ISSUER, ONDERZOEK, GEMEENTE.oin(), backendPort);
    }

    /** The purpose {@code onderzoek} both sides of the GGZ tests use, with its profile. */
    public static final String ONDERZOEK = """
            purposes:
              - id: onderzoek
                phase: onderzoek
                legal-basis: { id: wmo-onderzoek, text: "Wmo 2015 (Wams): onderzoek" }
                categories: [bekend-bij, contactprofessional, ggz-behandeling]
                special-categories-allowed: true
            minimisation:
              onderzoek:
                bekend-bij: { bekend: keep }
                contactprofessional: { naam: keep }
                ggz-behandeling: { inBehandeling: keep }
            """;

    /** The head of Gemeente Voorbeeldstad's requester configuration (identity, API, tokens, catalogue). */
    public static String gemeenteRequester() {
        return """
                identity: { oin: "%s", name: Gemeente Voorbeeldstad, roles: [requester] }
                api: { port: 0 }
                authentication: { issuer: "%s", audience: wams-gateway, jwks-file: "${jwks}" }
                catalogue: "${catalogue}"
                """.formatted(GEMEENTE.oin(), TestTokens.ISSUER);
    }

    /** One party, {@code ggz} (GGZ Noordkust), asked through its gateway at {@code https://127.0.0.1:port}. */
    public static String ggzPeerParty(int port, String categories) {
        return """
                parties:
                  - id: ggz
                    name: GGZ Noordkust
                    oin: "%s"
                    domain: zorg-ggz
                    categories: [%s]
                    adapter: { type: peer, url: "https://127.0.0.1:%d/peer/v1/verzoeken" }
                """.formatted(GGZ.oin(), categories, port);
    }
}
