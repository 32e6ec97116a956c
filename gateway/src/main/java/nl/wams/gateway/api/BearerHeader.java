package nl.wams.gateway.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Finds the bearer token of an API call as Spring Security's default resolver does (only the
 * {@code Authorization} header; a token in the query string or a form body is not accepted), but
 * reads a well-formed header ({@code Bearer } and a token68 value, RFC 6750) in one pass over its
 * characters instead of a case-insensitive regular expression (4.5 % of a request thread's time in
 * a profile of the warm H2 gateway). Anything else, a missing or malformed header included, is
 * left to the default resolver, so its answers and its errors stay exactly Spring Security's;
 * {@code BearerHeaderTest} holds the two to each other.
 */
final class BearerHeader implements BearerTokenResolver {

    private static final String PREFIX = "Bearer ";

    private final BearerTokenResolver standard = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && wellFormed(header)) {
            return header.substring(PREFIX.length());
        }
        return standard.resolve(request);
    }

    /** {@code Bearer } (any case), one or more of {@code A-Z a-z 0-9 - . _ ~ + /}, then only {@code =}. */
    static boolean wellFormed(String header) {
        int start = PREFIX.length();
        if (header.length() <= start || header.charAt(start - 1) != ' ') {
            return false;
        }
        for (int i = 0; i < start - 1; i++) { // ASCII letters in any case, as the default resolver's expression
            char c = header.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower != Character.toLowerCase(PREFIX.charAt(i))) {
                return false;
            }
        }
        int i = start;
        while (i < header.length() && tokenCharacter(header.charAt(i))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < header.length() && header.charAt(i) == '=') {
            i++;
        }
        return i == header.length();
    }

    private static boolean tokenCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
