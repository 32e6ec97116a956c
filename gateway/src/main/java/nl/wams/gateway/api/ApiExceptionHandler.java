package nl.wams.gateway.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.wams.gateway.audit.AuditUnavailableException;
import nl.wams.gateway.policy.PolicyRefusedException;
import nl.wams.gateway.policy.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure to one problem+json answer. Details never echo request values: a value in
 * a bad request may be a BSN.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ProblemWriter problems;

    ApiExceptionHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(PolicyRefusedException.class)
    void refused(PolicyRefusedException e, HttpServletRequest req, HttpServletResponse res) throws IOException {
        Violation first = e.violations().get(0);
        List<Map<String, String>> all =
                e.violations().stream().map(ApiExceptionHandler::violation).toList();
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("regel", first.rule().name());
        extensions.put("overtredingen", all);
        problems.write(
                req,
                res,
                first.rule().status(),
                first.rule().slug(),
                first.rule().title(),
                first.detail(),
                extensions);
    }

    private static Map<String, String> violation(Violation v) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("regel", v.rule().name());
        entry.put("type", ProblemWriter.TYPE_BASE + v.rule().slug());
        entry.put("pad", v.path());
        entry.put("detail", v.detail());
        return entry;
    }

    /**
     * Fail closed: without a durable audit record (or when stored results, reviews or the log
     * cannot be read) nothing moves, and the caller may retry. Controllers let {@link SQLException}
     * through to here rather than each wrapping it.
     */
    @ExceptionHandler({AuditUnavailableException.class, SQLException.class})
    void auditUnavailable(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setHeader("Retry-After", "5");
        problems.write(
                req,
                res,
                503,
                "audit-niet-beschikbaar",
                "Auditlog niet beschikbaar",
                "Het auditlog kan nu niet worden geschreven; er zijn geen gegevens verstuurd of vrijgegeven.");
    }

    @ExceptionHandler(BeoordelingenController.AlreadyDecidedException.class)
    void alreadyDecided(HttpServletRequest req, HttpServletResponse res) throws IOException {
        problems.write(
                req,
                res,
                409,
                "al-besloten",
                "Al besloten",
                "Over dit verzoek is al besloten; een besluit is definitief.");
    }

    @ExceptionHandler(OntvangenController.GatewayUnavailableException.class)
    void otherGatewayUnavailable(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setHeader("Retry-After", "30");
        problems.write(
                req,
                res,
                503,
                "niet-bereikbaar",
                "Niet bereikbaar",
                "De gateway van de gemeente of het eigen bronsysteem antwoordt nu niet; er is niets verloren gegaan.");
    }

    @ExceptionHandler(TooManyRequestsException.class)
    void tooMany(TooManyRequestsException e, HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        problems.write(req, res, 429, e.slug(), "Te veel verzoeken", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    void conflict(ConflictException e, HttpServletRequest req, HttpServletResponse res) throws IOException {
        problems.write(req, res, 409, e.slug(), e.title(), e.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    void invalid(InvalidRequestException e, HttpServletRequest req, HttpServletResponse res) throws IOException {
        Map<String, Object> extensions = e.params().isEmpty() ? Map.of() : Map.of("invalidParams", e.params());
        problems.write(req, res, 400, "ongeldig-verzoek", "Ongeldig verzoek", e.getMessage(), extensions);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    void unreadable(HttpMessageNotReadableException e, HttpServletRequest req, HttpServletResponse res)
            throws IOException {
        if (causedBy(e, RequestGuardFilter.BodyTooLargeException.class)) {
            problems.write(req, res, 413, "verzoek-te-groot", "Verzoek te groot", "De body is te groot.");
            return;
        }
        problems.write(req, res, 400, "ongeldig-verzoek", "Ongeldig verzoek", "De body ontbreekt of is onleesbaar.");
    }

    /** Also multipart bodies: they are not part of this API, and a broken one is the caller's mistake. */
    @ExceptionHandler({HttpMediaTypeNotSupportedException.class, MultipartException.class})
    void unsupported(HttpServletRequest req, HttpServletResponse res) throws IOException {
        problems.write(
                req,
                res,
                415,
                "mediatype-niet-ondersteund",
                "Mediatype niet ondersteund",
                "Stuur de body als application/json.");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(HttpServletRequest req, HttpServletResponse res) throws IOException {
        problems.write(
                req,
                res,
                406,
                "niet-acceptabel",
                "Niet acceptabel",
                "Deze API antwoordt met application/json (fouten als application/problem+json).");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    void methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest req, HttpServletResponse res)
            throws IOException {
        if (e.getSupportedHttpMethods() != null) {
            res.setHeader(
                    "Allow",
                    e.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", ")));
        }
        problems.write(
                req,
                res,
                405,
                "methode-niet-toegestaan",
                "Methode niet toegestaan",
                "Deze methode is hier niet toegestaan; zie de Allow-header.");
    }

    /** A malformed id in the path (not a UUID): the caller's mistake, as the OpenAPI says. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void malformedId(HttpServletRequest req, HttpServletResponse res) throws IOException {
        problems.write(req, res, 400, "ongeldig-id", "Ongeldig id", "Het id in het pad is geen geldige UUID.");
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class, ResourceNotFoundException.class})
    void notFound(Exception e, HttpServletRequest req, HttpServletResponse res) throws IOException {
        String detail = e instanceof ResourceNotFoundException ? e.getMessage() : "Deze resource bestaat niet.";
        problems.write(req, res, 404, "niet-gevonden", "Niet gevonden", detail);
    }

    @ExceptionHandler(Exception.class)
    void unexpected(Exception e, HttpServletRequest req, HttpServletResponse res) throws IOException {
        // Only the type: a message could contain request data.
        log.error(
                "unexpected failure handling {} {}: {}",
                req.getMethod(),
                ProblemWriter.safeInstance(req.getRequestURI()).orElse("(path not shown)"),
                e.getClass().getName());
        problems.write(req, res, 500, "interne-fout", "Interne fout", "Er ging iets mis in de gateway.");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
