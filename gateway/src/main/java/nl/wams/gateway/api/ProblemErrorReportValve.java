package nl.wams.gateway.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error pages (for what it refuses before any filter or servlet runs: an encoded
 * slash or NUL in the path, a request line it cannot parse) as problem+json instead of HTML.
 * Nothing of the request is echoed: the body names only the status.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String slug;
        String title;
        if (status >= 500) {
            slug = "interne-fout";
            title = "Interne fout";
        } else if (status == 404) {
            slug = "niet-gevonden";
            title = "Niet gevonden";
        } else {
            slug = "ongeldig-verzoek";
            title = "Ongeldig verzoek";
        }
        String body = ProblemWriter.plain(
                status,
                slug,
                title,
                "De server heeft dit verzoek geweigerd voordat het de gateway bereikte (bijvoorbeeld een"
                        + " gecodeerde schuine streep of een NUL in het pad).");
        try {
            response.setContentType(ProblemWriter.MEDIA_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("API-Version", ApiHeadersFilter.API_VERSION);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing more to say
        }
    }
}
