package nl.wams.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

    @Test
    void aScopeOnAThreadThatAlreadyCarriesATransactionPutsItBackWhenItCloses() {
        try (LogContext.Scope request = LogContext.transaction("request")) {
            try (LogContext.Scope call = LogContext.transaction("party-call")) {
                assertThat(MDC.get(LogContext.TRANSACTION)).isEqualTo("party-call");
            }
            assertThat(MDC.get(LogContext.TRANSACTION)).isEqualTo("request");
        }
        assertThat(MDC.get(LogContext.TRANSACTION)).isNull();
    }

    @Test
    void workCarriedToAnotherThreadLeavesThatThreadAsItFoundIt() throws Exception {
        String[] seen = new String[2];
        Thread other = new Thread(() -> {
            seen[0] = LogContext.carrying("t-1", () -> MDC.get(LogContext.TRANSACTION))
                    .get();
            seen[1] = MDC.get(LogContext.TRANSACTION);
        });
        other.start();
        other.join(10_000);

        assertThat(seen).containsExactly("t-1", null);
    }
}
