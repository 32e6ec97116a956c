package nl.wams.gateway.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.Optional;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerProtocolException;
import nl.wams.adapters.peer.PeerReceipt;
import nl.wams.adapters.peer.PeerTrust;
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
    private final ObjectProvider<CoordinatedApproach> approach;
    private final ProblemWriter problems;

    PeerController(
            ObjectProvider<ProviderService> provider,
            ObjectProvider<Participation> participation,
            ObjectProvider<CoordinatedApproach> approach,
            ProblemWriter problems) {
        this.provider = provider;
        this.participation = participation;
        this.approach = approach;
        this.problems = problems;
    }

    /** The status of a request held for a professional: 202 until decided, then the signed final answer. */
    @GetMapping(path = "/peer/v1/verzoeken/{id}")
    void status(@PathVariable("id") String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        write(provider.getObject().status(id, chain(request)), request, response);
    }

    @PostMapping(path = "/peer/v1/verzoeken", consumes = PeerMessages.MEDIA_TYPE)
    void verzoek(@RequestBody String jws, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProviderService.Reply reply = provider.getObject().handle(jws, chain(request), transactionId(request));
        write(reply, request, response);
    }

    /**
     * A signed message of the coordinated approach for this organisation (provided data, a
     * forwarded meeting contribution, an invitation): verified, then held apart (201).
     */
    @PostMapping(path = "/peer/v1/verstrekkingen", consumes = PeerMessages.MEDIA_TYPE)
    void verstrekking(@RequestBody String jws, HttpServletRequest request, HttpServletResponse response)
            throws IOException, SQLException {
        Participation service = participation.getIfAvailable();
        if (service == null) {
            problems.write(
                    request, response, 404, "niet-gevonden", "Niet gevonden", "Deze gateway ontvangt geen gegevens.");
            return;
        }
        taken(service.receive(jws, chain(request), transactionId(request)), request, response);
    }

    /** Where a message the caller sent stands: its status and nothing else (the TLS certificate says who asks). */
    @GetMapping(path = "/peer/v1/verstrekkingen/{reference}")
    void verstrekkingStatus(
            @PathVariable("reference") String reference, HttpServletRequest request, HttpServletResponse response)
            throws IOException, SQLException {
        X509Certificate[] chain = chain(request);
        Optional<String> oin = chain == null || chain.length == 0 ? Optional.empty() : PeerTrust.oin(chain[0]);
        Participation service = participation.getIfAvailable();
        Optional<PeerReceipt.Status> status =
                service == null || oin.isEmpty() ? Optional.empty() : service.status(oin.get(), reference);
        if (status.isEmpty()) {
            problems.write(
                    request, response, 404, "niet-gevonden", "Niet gevonden", "Dit bericht is hier niet bekend.");
            return;
        }
        receipt(response, 200, new PeerReceipt(null, status.get()));
    }

    /** A participant's contribution to one of this college's case meetings. */
    @PostMapping(path = "/peer/v1/bijdragen", consumes = PeerMessages.MEDIA_TYPE)
    void bijdrage(@RequestBody String jws, HttpServletRequest request, HttpServletResponse response)
            throws IOException, SQLException {
        CoordinatedApproach service = approach.getIfAvailable();
        if (service == null) {
            problems.write(
                    request, response, 404, "niet-gevonden", "Niet gevonden", "Deze gateway houdt geen casusoverleg.");
            return;
        }
        taken(service.contribution(jws, chain(request), transactionId(request)), request, response);
    }

    private void taken(IncomingProvisions.Taken taken, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (taken instanceof IncomingProvisions.Taken.Accepted accepted) {
            receipt(response, 201, new PeerReceipt(accepted.id(), PeerReceipt.Status.ONTVANGEN));
            return;
        }
        IncomingProvisions.Taken.Refused refused = (IncomingProvisions.Taken.Refused) taken;
        switch (refused.refusal()) {
            case NO_CLIENT_CERTIFICATE ->
                rejected(ProviderService.Refusal.NO_CLIENT_CERTIFICATE, null, request, response);
            case NO_OIN -> rejected(ProviderService.Refusal.NO_OIN, null, request, response);
            case REPLAYED -> rejected(ProviderService.Refusal.REPLAYED, null, request, response);
            case UNTRUSTED ->
                problems.write(
                        request,
                        response,
                        untrustedStatus(refused.reason()),
                        "ongeldig-peerbericht",
                        "Ongeldig peerbericht",
                        "Het ondertekende bericht is afgewezen: "
                                + refused.reason().name() + ".");
            case NOT_SERVED ->
                problems.write(
                        request,
                        response,
                        403,
                        "niet-bediend",
                        "Niet bediend",
                        "Deze gateway wisselt geen gegevens voor de gecoördineerde aanpak uit met deze afzender.");
            case INVALID ->
                problems.write(
                        request,
                        response,
                        400,
                        "ongeldig-peerbericht",
                        "Ongeldig peerbericht",
                        "Veld '" + refused.field() + "' ontbreekt, is onbekend of heeft de verkeerde vorm.");
        }
    }

    /** The HTTP status of a message that failed the protocol's checks. */
    private static int untrustedStatus(PeerProtocolException.Reason reason) {
        return switch (reason) {
            case TOO_LARGE -> 413;
            case MALFORMED, MISSING_CLAIM -> 400;
            case WRONG_AUDIENCE -> 403;
            default -> 401;
        };
    }

    private static String transactionId(HttpServletRequest request) {
        return ApiHeadersFilter.transactionId(request).toString();
    }

    private static void receipt(HttpServletResponse response, int status, PeerReceipt receipt) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(receipt.toJson().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static X509Certificate[] chain(HttpServletRequest request) {
        return (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
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
            problems.write(
                    request,
                    response,
                    untrustedStatus(untrusted.reason()),
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
            rejected(rejected.refusal(), rejected.field(), request, response);
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
            ProviderService.Refusal refusal, String field, HttpServletRequest request, HttpServletResponse response)
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
                        "Herhaald verzoek",
                        "Dit verzoek (jti) is al eerder ontvangen.");
            case INVALID_REQUEST ->
                problems.write(
                        request,
                        response,
                        400,
                        "ongeldig-peerverzoek",
                        "Ongeldig peerverzoek",
                        "Veld '" + field + "' ontbreekt, is te lang of heeft de verkeerde vorm.");
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
