package nl.wams.gateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The listeners open before the whole gateway runs (Camel routes, the audit writer, the poller).
 * Until the application is ready, every request gets {@code 503} with {@code Retry-After} and
 * nothing else happens: nothing is logged as sent for a party that cannot be asked yet.
 */
final class StartupGate extends OncePerRequestFilter implements ApplicationListener<ApplicationReadyEvent> {

    private final ProblemWriter problems;
    private volatile boolean ready;

    StartupGate(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ready = true;
    }

    boolean ready() {
        return ready;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!ready) {
            response.setHeader("Retry-After", "2");
            problems.write(
                    request,
                    response,
                    503,
                    "nog-niet-gereed",
                    "Nog niet gereed",
                    "De gateway start nog; probeer het over enkele seconden opnieuw.");
            return;
        }
        chain.doFilter(request, response);
    }
}
