package nl.wams.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes the one problem+json shape (RFC 9457) every error of the API uses. Written straight to
 * the response so that even a caller who accepts only XML (406) gets a readable problem.
 */
public final class ProblemWriter {

    /** Problem type URIs are this base plus a stable slug per problem. */
    public static final String TYPE_BASE = "https://wams-gateway.example/problemen/";

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final ObjectMapper json;

    /** The body of a problem without instance or extensions, for writers outside Spring (the container's valve). */
    static String plain(int status, String slug, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        try {
            return PLAIN.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public void write(
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String slug,
            String title,
            String detail,
            Map<String, Object> extensions)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        safeInstance(request.getRequestURI()).ifPresent(instance -> body.put("instance", instance));
        body.putAll(extensions);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }

    /** Segments the gateway's own paths consist of: lower-case words, version tags and UUIDs. */
    private static final Pattern OWN_PATH = Pattern.compile(
            "(/([a-z][a-z0-9]*(-[a-z0-9]+)*|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))+");

    /**
     * The request path as {@code instance}, only when it is made of the gateway's own kind of
     * segments: a caller's path could carry a BSN or other text that must never be echoed (the
     * query string never is). Otherwise the problem has no {@code instance}.
     */
    static Optional<String> safeInstance(String uri) {
        return uri != null && uri.length() <= 200 && OWN_PATH.matcher(uri).matches()
                ? Optional.of(uri)
                : Optional.empty();
    }

    public void write(
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String slug,
            String title,
            String detail)
            throws IOException {
        write(request, response, status, slug, title, detail, Map.of());
    }
}
