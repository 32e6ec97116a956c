package nl.wams.gateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.wams.gateway.policy.Bsn;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stops two kinds of request before anything else looks at them: a BSN in the URL (ADR
 * /core/transport/no-sensitive-uris; the URL ends up in logs and caches) and a body larger than
 * the configured limit (413), whether it announces its length or streams it chunked.
 */
final class RequestGuardFilter extends OncePerRequestFilter {

    private static final Pattern NINE_DIGITS = Pattern.compile("(?<![0-9])[0-9]{9}(?![0-9])");

    private final ProblemWriter problems;
    private final long maxBodyBytes;

    RequestGuardFilter(ProblemWriter problems, long maxBodyBytes) {
        this.problems = problems;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (carriesBsn(request.getQueryString()) || carriesBsn(request.getRequestURI())) {
            problems.write(
                    request,
                    response,
                    400,
                    "gevoelige-gegevens-in-url",
                    "Gevoelige gegevens in de URL",
                    "Een BSN hoort nooit in een URL; stuur het in de body van een POST.");
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            tooLarge(request, response);
            return;
        }
        chain.doFilter(new LimitedRequest(request, maxBodyBytes), response);
    }

    void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problems.write(
                request,
                response,
                413,
                "verzoek-te-groot",
                "Verzoek te groot",
                "De body is groter dan " + maxBodyBytes + " bytes.");
    }

    private static final java.util.regex.Pattern UUID_TEXT = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static boolean carriesBsn(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        String decoded = URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (decoded.toLowerCase().contains("bsn=")) {
            return true;
        }
        // The gateway's own ids are UUIDs; a UUID's last group can hold nine digits that pass the
        // 11-test by chance, and must not turn a valid id into a refusal.
        Matcher m = NINE_DIGITS.matcher(UUID_TEXT.matcher(decoded).replaceAll("uuid"));
        while (m.find()) {
            if (Bsn.isValid(m.group())) {
                return true;
            }
        }
        return false;
    }

    /** Thrown while reading a body that turns out larger than allowed; mapped to 413. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body too large", null);
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && ++count > limit) {
                throw new BodyTooLargeException();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0 && (count += n) > limit) {
                throw new BodyTooLargeException();
            }
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
