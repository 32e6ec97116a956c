package nl.wams.gateway.api;

import jakarta.servlet.http.HttpServletRequest;

/** Which requests belong to the API and the peer protocol; the rest is the web interface's. */
public final class ApiPaths {

    private ApiPaths() {}

    /** True for {@code /api/…}, {@code /peer/…} and the container's {@code /error}. */
    public static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/peer/") || path.equals("/error");
    }
}
