package nl.wams.gateway.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.gateway.coordination.CoordinatedApproach;
import nl.wams.gateway.federation.IncomingProvisions;
import nl.wams.gateway.participation.Participation;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.provider.ProviderService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The peer protocol, on the mutual-TLS listener only: {@code /peer/v1/verzoeken} (signed requests
 * and the status of held ones), {@code /peer/v1/verstrekkingen} (messages of the coordinated
 * approach for this organisation, and their status for the sender) and {@code /peer/v1/bijdragen}
 * (contributions to the college's case meetings).
 */
@RestController
class PeerController {

    private final ObjectProvider<ProviderService> provider;
    private final ObjectProvider<Participation> participation;
    private final ObjectProvider<IncomingProvisions> incoming;
    private final ObjectProvider<CoordinatedApproach> approach;
    private final ProblemWriter problems;

    PeerController(
            ObjectProvider<ProviderService> provider,
            ObjectProvider<Participation> participation,
            ObjectProvider<IncomingProvisions> incoming,
            ObjectProvider<CoordinatedApproach> approach,
            ProblemWriter problems) {
        this.provider = provider;
        this.participation = participation;
        this.incoming = incoming;
        this.approach = approach;
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

    /**
     * A signed message of the coordinated approach for this organisation (provided data, a
     * forwarded meeting contribution, an invitation): verified, then held apart (201).
     */
    @PostMapping(path = "/peer/v1/verstrekkingen", consumes = PeerMessages.MEDIA_TYPE)
    void verstrekking(@RequestBody String jws, HttpServletRequest request, HttpServletResponse response)
            throws IOException, java.sql.SQLException {
        Participation service = participation.getIfAvailable();
        if (service == null) {
            problems.write(
                    request, response, 404, "niet-gevonden", "Niet gevonden", "Deze gateway ontvangt geen gegevens.");
            return;
        }
        taken(
                service.receive(
                        jws,
                        chain(request),
                        ApiHeadersFilter.transactionId(request).toString()),
                request,
                response);
    }

    /** Where a message the caller sent stands: its status and nothing else (the TLS certificate says who asks). */
    @GetMapping(path = "/peer/v1/verstrekkingen/{reference}")
    void verstrekkingStatus(
            @PathVariable("reference") String reference, HttpServletRequest request, HttpServletResponse response)
            throws IOException, java.sql.SQLException {
        X509Certificate[] chain = chain(request);
        java.util.Optional<String> oin = chain == null || chain.length == 0
                ? java.util.Optional.empty()
                : nl.wams.adapters.peer.PeerTrust.oin(chain[0]);
        Participation service = participation.getIfAvailable();
        java.util.Optional<nl.wams.gateway.participation.Received.Status> status =
                service == null || oin.isEmpty() ? java.util.Optional.empty() : service.status(oin.get(), reference);
        if (status.isEmpty()) {
            problems.write(
                    request, response, 404, "niet-gevonden", "Niet gevonden", "Dit bericht is hier niet bekend.");
            return;
        }
        json(response, 200, "{\"status\":\"" + status.get().name() + "\"}");
    }

    /** A participant's contribution to one of this college's case meetings. */
    @PostMapping(path = "/peer/v1/bijdragen", consumes = PeerMessages.MEDIA_TYPE)
    void bijdrage(@RequestBody String jws, HttpServletRequest request, HttpServletResponse response)
            throws IOException, java.sql.SQLException {
        String transactionId = ApiHeadersFilter.transactionId(request).toString();
        IncomingProvisions.Checked checked = incoming.getObject().check(jws, chain(request));
        if (checked instanceof IncomingProvisions.Checked.Refused refused) {
            approach.getObject().refused(refused, transactionId);
            refusedMessage(refused.refusal(), refused.reason(), refused.field(), request, response);
            return;
        }
        CoordinatedApproach.Received received =
                approach.getObject().contribution((IncomingProvisions.Checked.Ok) checked, transactionId);
        if (received instanceof CoordinatedApproach.Received.Accepted accepted) {
            json(response, 201, "{\"id\":\"" + accepted.id() + "\",\"status\":\"ONTVANGEN\"}");
        } else {
            CoordinatedApproach.Received.Refused refused = (CoordinatedApproach.Received.Refused) received;
            refusedMessage(refused.refusal(), null, refused.field(), request, response);
        }
    }

    private void taken(Participation.Taken taken, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (taken instanceof Participation.Taken.Accepted accepted) {
            json(response, 201, "{\"id\":\"" + accepted.id() + "\",\"status\":\"ONTVANGEN\"}");
        } else {
            Participation.Taken.Refused refused = (Participation.Taken.Refused) taken;
            refusedMessage(refused.refusal(), null, refused.field(), request, response);
        }
    }

    private void refusedMessage(
            IncomingProvisions.Refusal refusal,
            nl.wams.adapters.peer.PeerProtocolException.Reason reason,
            String field,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        switch (refusal) {
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
                        "Herhaald bericht",
                        "Dit bericht (jti) is al eerder ontvangen.");
            case UNTRUSTED -> {
                int status = reason == null
                        ? 403
                        : switch (reason) {
                            case TOO_LARGE -> 413;
                            case MALFORMED, MISSING_CLAIM -> 400;
                            case WRONG_AUDIENCE -> 403;
                            default -> 401;
                        };
                problems.write(
                        request,
                        response,
                        status,
                        "ongeldig-peerbericht",
                        "Ongeldig peerbericht",
                        "Het ondertekende bericht is afgewezen"
                                + (reason == null ? ": afzender niet bediend." : ": " + reason.name() + "."));
            }
            case INVALID ->
                problems.write(
                        request,
                        response,
                        400,
                        "ongeldig-peerbericht",
                        "Ongeldig peerbericht",
                        "Veld '" + field + "' ontbreekt, is onbekend of heeft de verkeerde vorm.");
        }
    }

    private static X509Certificate[] chain(HttpServletRequest request) {
        return (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
    }

    private static void json(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
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
