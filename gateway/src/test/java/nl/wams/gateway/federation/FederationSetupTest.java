package nl.wams.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FederationSetupTest {

    @Test
    void certificatesExpiringWithinThirtyDaysAreFlagged() throws Exception {
        DemoPki pki = DemoPki.create("t", Duration.ofDays(400));
        Instant now = Instant.now();
        var soon = pki.tls(DemoPki.DEMO.get(0), now.minusSeconds(60), now.plus(Duration.ofDays(10)))
                .certificate();
        var later = pki.tls(DemoPki.DEMO.get(0), now.minusSeconds(60), now.plus(Duration.ofDays(90)))
                .certificate();

        assertThat(FederationSetup.expiresSoon(soon, now)).isTrue();
        assertThat(FederationSetup.expiresSoon(later, now)).isFalse();
    }
}
