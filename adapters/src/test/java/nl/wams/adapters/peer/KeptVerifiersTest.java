package nl.wams.adapters.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeptVerifiersTest {

    static JWSVerifier one;

    @BeforeAll
    static void key() throws JOSEException {
        one = new ECDSAVerifier(new ECKeyGenerator(Curve.P_256).generate().toECPublicKey());
    }

    /** Makes {@code one} and counts how often it was asked to. */
    static KeptVerifiers.Maker counting(AtomicInteger made) {
        return () -> {
            made.incrementAndGet();
            return one;
        };
    }

    @Test
    void aCertificateSeenBeforeGetsItsKeptVerifierWithoutMakingANewOne() throws Exception {
        KeptVerifiers verifiers = new KeptVerifiers();
        AtomicInteger made = new AtomicInteger();
        KeptVerifiers.Maker maker = counting(made);

        assertThat(verifiers.of("cert-a", maker)).isSameAs(one);
        assertThat(verifiers.of("cert-a", maker)).isSameAs(one);

        assertThat(made).hasValue(1);
        assertThat(verifiers.size()).isOne();
    }

    @Test
    void neverKeepsMoreThanTheBoundAndStillAnswersForEveryCertificateBeyondIt() throws Exception {
        KeptVerifiers verifiers = new KeptVerifiers();
        AtomicInteger made = new AtomicInteger();
        KeptVerifiers.Maker maker = counting(made);

        for (int i = 0; i < 3 * KeptVerifiers.MAX + 7; i++) {
            assertThat(verifiers.of("cert-" + i, maker)).isSameAs(one);
            assertThat(verifiers.size()).isLessThanOrEqualTo(KeptVerifiers.MAX);
        }
        assertThat(made).hasValue(3 * KeptVerifiers.MAX + 7);
        assertThat(verifiers.size()).isPositive();

        verifiers.of("cert-0", maker); // dropped when the bound was reached: made again
        assertThat(made).hasValue(3 * KeptVerifiers.MAX + 8);
    }

    @Test
    void aVerifierThatCannotBeMadeIsNotKept() {
        KeptVerifiers verifiers = new KeptVerifiers();

        assertThatThrownBy(() -> verifiers.of("bad", () -> {
                    throw new GeneralSecurityException("not a key");
                }))
                .isInstanceOf(GeneralSecurityException.class);
        assertThat(verifiers.size()).isZero();
    }
}
