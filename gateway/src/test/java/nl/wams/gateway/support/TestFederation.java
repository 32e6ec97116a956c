package nl.wams.gateway.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    public javax.net.ssl.SSLContext client(String keyStore) throws Exception {
        java.security.KeyStore trust = load("trust.p12");
        var anchors =
                javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        anchors.init(trust);
        javax.net.ssl.KeyManager[] keys = null;
        if (keyStore != null) {
            var kmf =
                    javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyStore), DemoPki.PASSWORD.toCharArray());
            keys = kmf.getKeyManagers();
        }
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(keys, anchors.getTrustManagers(), null);
        return context;
    }

    /** A signer for an organisation's signing key. */
    public nl.wams.adapters.peer.PeerSigner signer(DemoPki.Organisation org) throws Exception {
        java.security.KeyStore store = load(org.id() + "-signing.p12");
        String alias = store.aliases().nextElement();
        java.util.List<java.security.cert.X509Certificate> chain = new java.util.ArrayList<>();
        for (var c : store.getCertificateChain(alias)) {
            chain.add((java.security.cert.X509Certificate) c);
        }
        return new nl.wams.adapters.peer.PeerSigner(
                (java.security.PrivateKey) store.getKey(alias, DemoPki.PASSWORD.toCharArray()), chain);
    }

    public nl.wams.adapters.peer.PeerMessages messages() throws Exception {
        return new nl.wams.adapters.peer.PeerMessages(
                nl.wams.adapters.peer.PeerTrust.of(load("trust.p12")), java.time.Clock.systemUTC());
    }

    public java.security.KeyStore load(String name) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
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
}
