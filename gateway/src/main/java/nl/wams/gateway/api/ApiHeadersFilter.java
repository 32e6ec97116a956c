package nl.wams.gateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import nl.wams.gateway.request.TransactionIds;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every answer, errors included, the {@code API-Version} header (ADR) and a fresh UUIDv7
 * {@code Fsc-Transaction-Id}; the same id becomes the data request's id.
 */
final class ApiHeadersFilter extends OncePerRequestFilter {

    static final String API_VERSION = "1.0.0";
    static final String TRANSACTION_HEADER = "Fsc-Transaction-Id";
    private static final String ATTRIBUTE = ApiHeadersFilter.class.getName() + ".transactionId";

    private final TransactionIds ids;

    ApiHeadersFilter(TransactionIds ids) {
        this.ids = ids;
    }

    static UUID transactionId(HttpServletRequest request) {
        return (UUID) request.getAttribute(ATTRIBUTE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UUID id = ids.next();
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader("API-Version", API_VERSION);
        response.setHeader(TRANSACTION_HEADER, id.toString());
        chain.doFilter(request, response);
    }
}
