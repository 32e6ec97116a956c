package nl.wams.gateway.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.gateway.federation.ProviderService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /peer/v1/verzoeken}: signed requests of peer gateways, on the mutual-TLS listener only. */
@RestController
class PeerController {

    private final ObjectProvider<ProviderService> provider;
    private final ProblemWriter problems;

    PeerController(ObjectProvider<ProviderService> provider, ProblemWriter problems) {
        this.provider = provider;
        this.problems = problems;
    }

    /** The status of a request held for a professional: 202 until decided, then the signed final answer. */
    @GetMapping(path = "/peer/v1/verzoeken/{id}")
    void status(@PathVariable("id") String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        write(provider.getObject().status(id, chain), request, response);
    }

    @PostMapping(path = "/peer/v1/verzoeken", consumes = PeerMessages.MEDIA_TYPE)
    void verzoek(@RequestBody String jws, HttpServletRequest request, HttpServletResponse response) throws IOException {
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        ProviderService.Reply reply = provider.getObject()
                .handle(jws, chain, ApiHeadersFilter.transactionId(request).toString());
        write(reply, request, response);
    }

    private void write(ProviderService.Reply reply, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (reply instanceof ProviderService.Reply.Signed signed && signed.jws() == null) {
            response.setStatus(signed.status());
            response.setHeader("Location", signed.location());
            response.setHeader("Retry-After", "5");
        } else if (reply instanceof ProviderService.Reply.Signed signed) {
            response.setStatus(signed.status());
            response.setContentType(PeerMessages.MEDIA_TYPE);
            if (signed.location() != null) {
                response.setHeader("Location", signed.location());
            }
            response.getOutputStream().write(signed.jws().getBytes(StandardCharsets.US_ASCII));
        } else if (reply instanceof ProviderService.Reply.Rejected rejected) {
            problems.write(request, response, rejected.status(), rejected.slug(), rejected.title(), rejected.detail());
        }
    }
}
