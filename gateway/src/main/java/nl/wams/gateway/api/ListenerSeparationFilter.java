package nl.wams.gateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Keeps the two listeners apart: the peer protocol is only served on the mutual-TLS peer port,
 * and the requester API never there. Without this, {@code /peer} would be reachable without a
 * client certificate on the API port.
 */
final class ListenerSeparationFilter extends OncePerRequestFilter {

    private final PeerListener listener;
    private final ProblemWriter problems;

    ListenerSeparationFilter(PeerListener listener, ProblemWriter problems) {
        this.listener = listener;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean onPeerPort = listener.port() > 0 && request.getLocalPort() == listener.port();
        // The path as Spring matches it (decoded, normalised, without ;parameters), so that no
        // spelling of a peer path (%70eer, /./peer, ;x) reaches the peer endpoint on the API listener.
        String path = UrlPathHelper.defaultInstance.getLookupPathForRequest(request);
        boolean peerPath = path.equals("/peer")
                || path.startsWith("/peer/")
                || request.getRequestURI().startsWith("/peer/");
        if (onPeerPort != peerPath) {
            problems.write(
                    request, response, 404, "niet-gevonden", "Niet gevonden", "Deze resource bestaat hier niet.");
            return;
        }
        chain.doFilter(request, response);
    }
}
