package nl.wams.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.wams.adapters.peer.PeerProtocolException;
import nl.wams.adapters.peer.PeerTrust;
import nl.wams.gateway.support.TestFederation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A validated chain is kept only within the window all its certificates hold; an untrusted one never. */
class PeerTrustTest {

    @TempDir
    Path dir;

    static List<X509Certificate> chain(KeyStore store) throws Exception {
        List<X509Certificate> chain = new ArrayList<>();
        for (var c : store.getCertificateChain(store.aliases().nextElement())) {
            chain.add((X509Certificate) c);
        }
        return chain;
    }

    @Test
    void aKeptChainIsRefusedOutsideItsValidity() throws Exception {
        TestFederation pki = TestFederation.create(dir);
        PeerTrust trust = PeerTrust.of(pki.load("trust.p12"));
        List<X509Certificate> chain = chain(pki.load(TestFederation.GGZ.id() + "-signing.p12"));
        Instant now = Instant.now();

        assertThat(trust.validate(chain, now)).isEqualTo(chain.get(0));
        assertThat(trust.validate(chain, now.plus(Duration.ofHours(1)))).isEqualTo(chain.get(0));

        assertThatThrownBy(() -> trust.validate(chain, now.plus(Duration.ofDays(6))))
                .isInstanceOf(PeerProtocolException.class);
        assertThatThrownBy(() -> trust.validate(chain, now.minus(Duration.ofDays(1))))
                .isInstanceOf(PeerProtocolException.class);
    }

    @Test
    void anUntrustedChainIsRefusedEveryTime() throws Exception {
        TestFederation pki = TestFederation.create(dir);
        PeerTrust trust = PeerTrust.of(pki.load("trust.p12"));
        List<X509Certificate> untrusted = chain(pki.load("untrusted-tls.p12"));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> trust.validate(untrusted, Instant.now()))
                    .isInstanceOf(PeerProtocolException.class);
        }
    }
}
