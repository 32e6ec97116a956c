package nl.wams.gateway.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 as problem+json, with the {@code WWW-Authenticate} challenge RFC 6750 asks for. */
public final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemWriter problems;
    private final TokenFailures failures;

    /** Counts refused callers of the API (for metrics); never sees the token. */
    @FunctionalInterface
    public interface TokenFailures {
        TokenFailures NONE = reason -> {};

        /** {@code reason}: {@code missing} (no token), {@code invalid} (rejected token) or {@code forbidden} (role). */
        void failed(String reason);
    }

    ProblemSecurityHandlers(ProblemWriter problems, TokenFailures failures) {
        this.problems = problems;
        this.failures = failures;
    }

    @Override
    public void commence(HttpServletRequest req, HttpServletResponse res, AuthenticationException e)
            throws IOException {
        boolean presented = req.getHeader("Authorization") != null;
        failures.failed(presented ? "invalid" : "missing");
        res.setHeader("WWW-Authenticate", presented ? "Bearer error=\"invalid_token\"" : "Bearer");
        problems.write(
                req,
                res,
                401,
                "niet-geauthenticeerd",
                "Niet geauthenticeerd",
                presented
                        ? "Het token is ongeldig, verlopen of niet van de vertrouwde uitgever."
                        : "Stuur een bearer token van de vertrouwde uitgever mee.");
    }

    @Override
    public void handle(HttpServletRequest req, HttpServletResponse res, AccessDeniedException e) throws IOException {
        failures.failed("forbidden");
        res.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        problems.write(req, res, 403, "geen-toegang", "Geen toegang", "Deze handeling vereist een andere rol.");
    }
}
