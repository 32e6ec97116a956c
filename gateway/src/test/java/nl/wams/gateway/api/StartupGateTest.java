package nl.wams.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class StartupGateTest {

    final StartupGate gate = new StartupGate(new ProblemWriter(new ObjectMapper()));

    @Test
    void requestsBeforeTheGatewayIsReadyGet503WithRetryAfterAndGoNoFurther() throws Exception {
        AtomicBoolean passed = new AtomicBoolean();
        MockHttpServletResponse response = new MockHttpServletResponse();

        gate.doFilter(
                new MockHttpServletRequest("POST", "/api/v1/gegevensverzoeken"),
                response,
                (req, res) -> passed.set(true));

        assertThat(passed).isFalse();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("/problemen/nog-niet-gereed");
    }

    @Test
    void onceReadyRequestsPass() throws Exception {
        gate.onApplicationEvent(new ApplicationReadyEvent(
                new org.springframework.boot.SpringApplication(), new String[0], null, java.time.Duration.ZERO));
        AtomicBoolean passed = new AtomicBoolean();

        gate.doFilter(
                new MockHttpServletRequest("POST", "/api/v1/gegevensverzoeken"),
                new MockHttpServletResponse(),
                (req, res) -> passed.set(true));

        assertThat(passed).isTrue();
    }
}
