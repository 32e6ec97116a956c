package nl.wams.gateway.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.provider.ProviderService;
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
        if (reply instanceof ProviderService.Reply.Answered answered) {
            signed(response, 200, answered.jws(), null);
        } else if (reply instanceof ProviderService.Reply.Held held) {
            signed(response, 202, held.jws(), held.statusPath());
        } else if (reply instanceof ProviderService.Reply.StillOpen open) {
            response.setStatus(202);
            response.setHeader("Location", open.statusPath());
            response.setHeader("Retry-After", "5");
        } else if (reply instanceof ProviderService.Reply.Untrusted untrusted) {
            int status = switch (untrusted.reason()) {
                case TOO_LARGE -> 413;
                case MALFORMED, MISSING_CLAIM -> 400;
                case WRONG_AUDIENCE -> 403;
                default -> 401;
            };
            problems.write(
                    request,
                    response,
                    status,
                    "ongeldig-peerverzoek",
                    "Ongeldig peerverzoek",
                    "Het ondertekende verzoek is afgewezen: "
                            + untrusted.reason().name() + ".");
        } else if (reply instanceof ProviderService.Reply.PolicyRefused refused) {
            Violation first = refused.violations().get(0);
            problems.write(
                    request,
                    response,
                    first.rule().status(),
                    first.rule().slug(),
                    first.rule().title(),
                    "Dit verzoek breekt " + refused.violations().size()
                            + " regel(s) van het doelenregister van deze partij: "
                            + refused.violations().stream()
                                    .map(v -> v.path() + " " + v.rule().slug())
                                    .toList()
                            + ".");
        } else if (reply instanceof ProviderService.Reply.Rejected rejected) {
            rejected(rejected, request, response);
        }
    }

    private static void signed(HttpServletResponse response, int status, String jws, String location)
            throws IOException {
        response.setStatus(status);
        response.setContentType(PeerMessages.MEDIA_TYPE);
        if (location != null) {
            response.setHeader("Location", location);
        }
        response.getOutputStream().write(jws.getBytes(StandardCharsets.US_ASCII));
    }

    private void rejected(
            ProviderService.Reply.Rejected rejected, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        switch (rejected.refusal()) {
            case NO_CLIENT_CERTIFICATE ->
                problems.write(
                        request,
                        response,
                        401,
                        "geen-clientcertificaat",
                        "Geen clientcertificaat",
                        "Mutual TLS is verplicht.");
            case NO_OIN ->
                problems.write(request, response, 403, "geen-oin", "Geen OIN", "Het clientcertificaat bevat geen OIN.");
            case REPLAYED ->
                problems.write(
                        request,
                        response,
                        409,
                        "herhaald-verzoek",
                        "Herhaald verzoek",
                        "Dit verzoek (jti) is al eerder ontvangen.");
            case INVALID_REQUEST ->
                problems.write(
                        request,
                        response,
                        400,
                        "ongeldig-peerverzoek",
                        "Ongeldig peerverzoek",
                        "Veld '" + rejected.field() + "' ontbreekt, is te lang of heeft de verkeerde vorm.");
            case NOT_FOUND ->
                problems.write(
                        request, response, 404, "niet-gevonden", "Niet gevonden", "Dit verzoek is hier niet bekend.");
            case STORAGE_UNAVAILABLE ->
                problems.write(
                        request,
                        response,
                        503,
                        "audit-niet-beschikbaar",
                        "Opslag niet beschikbaar",
                        "De gateway kan nu niets vastleggen of lezen; probeer het later opnieuw.");
            case BACKEND_UNREACHABLE ->
                problems.write(
                        request,
                        response,
                        503,
                        "bron-niet-bereikbaar",
                        "Bron niet bereikbaar",
                        "Het bronsysteem van de partij antwoordt nu niet.");
            case WAIT_PASSED ->
                problems.write(
                        request,
                        response,
                        504,
                        "wachttijd-verstreken",
                        "Wachttijd verstreken",
                        "Het antwoord was er niet binnen de wachttijd van de aanvrager; er zijn geen gegevens verstuurd.");
        }
    }
}
