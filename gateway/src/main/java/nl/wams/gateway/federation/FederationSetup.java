package nl.wams.gateway.federation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerSigner;
import nl.wams.adapters.peer.PeerTrust;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.config.TlsPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organisation's federation key material, loaded once: the TLS key for mutual TLS, the
 * signing key for peer messages and the trust anchors for both. Warns about certificates that
 * expire within 30 days (expired ones are refused by configuration validation).
 */
public final class FederationSetup {

    private static final Logger log = LoggerFactory.getLogger(FederationSetup.class);
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private final KeyStore tls;
    private final char[] tlsPassword;
    private final KeyStore trustStore;
    private final PeerSigner signer;
    private final PeerTrust trust;
    private final Map<String, X509Certificate> own;

    private Witnesses witnesses;

    /** With witnessing: the messages it signs and verifies carry and record checkpoints. */
    public FederationSetup(LoadedConfig config, Witnesses witnesses) {
        this(config);
        this.witnesses = witnesses;
    }

    public FederationSetup(LoadedConfig config) {
        GatewayConfig.Federation federation = config.gateway().federation();
        try {
            this.tls = load(config, federation.tls());
            this.tlsPassword = federation.tls().secret();
            this.trustStore = load(config, federation.trustStore());
            KeyStore signing = load(config, federation.signing());
            String alias = keyAlias(signing);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : signing.getCertificateChain(alias)) {
                chain.add((X509Certificate) c);
            }
            this.signer = new PeerSigner(
                    (PrivateKey) signing.getKey(alias, federation.signing().secret()), chain);
            GatewayConfig.Revocation revocation = federation.revocation();
            this.trust = PeerTrust.of(trustStore)
                    .with(new PeerTrust.RevocationPolicy(
                            revocation.check(),
                            revocation.onUnreachable() == GatewayConfig.OnUnreachable.ACCEPT,
                            revocation.recheck()));
            this.own = Map.of("TLS", (X509Certificate) tls.getCertificate(keyAlias(tls)), "signing", chain.get(0));
            own.forEach(FederationSetup::warnIfExpiring);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("federation key material not usable", e);
        }
    }

    /** Our TLS key as client and server, and the federation's anchors as the only trust. */
    public SSLContext sslContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(tls, tlsPassword);
            TrustManagerFactory anchors = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            anchors.init(trustStore);
            SSLContext context = SSLContext.getInstance(TlsPolicy.CLIENT_CONTEXT);
            context.init(keys.getKeyManagers(), anchors.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS context", e);
        }
    }

    public PeerSigner signer() {
        return signer;
    }

    public PeerTrust trust() {
        return trust;
    }

    /** Signs and verifies peer messages; each carries this gateway's latest checkpoint, and what others carry is recorded. */
    public PeerMessages messages(Clock clock) {
        return witnesses == null
                ? new PeerMessages(trust, clock)
                : new PeerMessages(trust, clock, witnesses, witnesses);
    }

    static boolean expiresSoon(X509Certificate certificate, Instant now) {
        return certificate.getNotAfter().toInstant().isBefore(now.plus(EXPIRY_WARNING));
    }

    /** The organisation's own certificates by use ({@code TLS}, {@code signing}), for the expiry check of health. */
    public Map<String, X509Certificate> ownCertificates() {
        return own;
    }

    private static void warnIfExpiring(String use, X509Certificate certificate) {
        if (expiresSoon(certificate, Instant.now())) {
            log.warn(
                    "the {} certificate expires on {}: renew it",
                    use,
                    certificate.getNotAfter().toInstant());
        }
    }

    private static KeyStore load(LoadedConfig config, GatewayConfig.KeyStoreRef ref)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(config.resolve(ref.path()))) {
            store.load(in, ref.secret());
        }
        return store;
    }

    private static String keyAlias(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return alias;
            }
        }
        throw new GeneralSecurityException("no key entry");
    }
}
