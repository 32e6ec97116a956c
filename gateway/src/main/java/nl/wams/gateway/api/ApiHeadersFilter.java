package nl.wams.gateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import nl.wams.adapters.TransactionIds;
import nl.wams.gateway.request.LogContext;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every answer, errors included, the {@code API-Version} header (ADR) and a fresh UUIDv7
 * {@code Fsc-Transaction-Id}; the same id becomes the data request's id.
 */
public final class ApiHeadersFilter extends OncePerRequestFilter {

    static final String API_VERSION = "1.0.0";
    static final String TRANSACTION_HEADER = "Fsc-Transaction-Id";
    private static final String ATTRIBUTE = ApiHeadersFilter.class.getName() + ".transactionId";

    private final TransactionIds ids;

    ApiHeadersFilter(TransactionIds ids) {
        this.ids = ids;
    }

    /**
     * A peer gateway's transaction id is kept, so one exchange has one id in both gateways' logs
     * (FSC). The municipality's own applications always get a fresh one.
     */
    private static Optional<UUID> incoming(HttpServletRequest request) {
        String header = request.getHeader(TRANSACTION_HEADER);
        if (header == null || !request.getRequestURI().startsWith("/peer/")) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(header);
            return id.version() == 7 ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static UUID transactionId(HttpServletRequest request) {
        return (UUID) request.getAttribute(ATTRIBUTE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UUID id = incoming(request).orElseGet(ids::next);
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader("API-Version", API_VERSION);
        response.setHeader(TRANSACTION_HEADER, id.toString());
        try (var ignored = LogContext.transaction(id.toString())) {
            chain.doFilter(request, response);
        }
    }
}
