package nl.wams.gateway.provider;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nl.wams.adapters.TraceIds;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerProtocolException;
import nl.wams.adapters.peer.PeerRequest;
import nl.wams.adapters.peer.PeerTrust;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.federation.ReplayStore;
import nl.wams.gateway.request.DataRequest;

/**
 * Provider role, first step: whether an incoming peer request can be trusted and read. The TLS
 * client certificate names an OIN; the signed request verifies against the federation's trust
 * anchors and that same OIN; it is used once; and its content keeps the requester API's limits.
 * Each refusal is logged with its ground (never the request's content) and answered as a
 * {@link ProviderService.Reply}.
 */
record IncomingRequests(PeerMessages messages, String ownOin, ReplayStore replay, ProviderAudit audit) {

    private static final Set<String> TRIGGERS = names(DataRequest.Trigger.values());
    private static final Set<String> ROLES = names(DataRequest.Role.values());

    /** A request that passed every check. */
    record Accepted(
            String transactionId,
            String requesterOin,
            String jws,
            PeerMessages.VerifiedRequest message,
            PeerRequest request,
            DataRequest dataRequest) {

        String trace() {
            return TraceIds.of(transactionId);
        }

        @Override
        public String toString() {
            return "Accepted[transactionId=" + transactionId + ", requester=" + requesterOin + "]";
        }
    }

    /** Either the accepted request or the reply that refuses it. */
    sealed interface Checked {
        record Ok(Accepted request) implements Checked {}

        record Refused(ProviderService.Reply reply) implements Checked {}
    }

    /**
     * Checks one request: all but whether it was used before, which {@link #usedOnce} settles in
     * the commit of the record that the request was received.
     */
    Checked check(String jws, X509Certificate[] clientChain, String transactionId) {
        if (clientChain == null || clientChain.length == 0) {
            return refused(ProviderService.Refusal.NO_CLIENT_CERTIFICATE, null);
        }
        Optional<String> tlsOin = PeerTrust.oin(clientChain[0]);
        if (tlsOin.isEmpty()) {
            return refused(ProviderService.Refusal.NO_OIN, null);
        }
        PeerMessages.VerifiedRequest message;
        try {
            messages.checkTlsChain(clientChain);
            message = messages.verifyRequest(jws, tlsOin.get(), ownOin);
        } catch (PeerProtocolException e) {
            audit.refused(transactionId, tlsOin.get(), e.reason().name(), e.getMessage());
            return new Checked.Refused(new ProviderService.Reply.Untrusted(e.reason()));
        }
        PeerRequest request;
        try {
            request = PeerRequest.read(message.request(), TRIGGERS, ROLES);
        } catch (PeerRequest.InvalidField e) {
            // The field is named; its content (possibly long free text) is never logged.
            audit.refused(transactionId, message.requesterOin(), "ONGELDIG_VERZOEK", "field " + e.field());
            return refused(ProviderService.Refusal.INVALID_REQUEST, e.field());
        }
        return new Checked.Ok(
                new Accepted(transactionId, message.requesterOin(), jws, message, request, dataRequest(request)));
    }

    /**
     * The request's id marked as used, as work in the commit of the record that it was received
     * (one durable commit, not two): a replay withdraws that commit ({@link InTransaction.Withdrawn}).
     */
    InTransaction usedOnce(Accepted request) {
        return replay.firstUseWith(
                request.message().jti(),
                request.requesterOin(),
                request.message().expires());
    }

    /** A replay, refused: logged with its ground. */
    ProviderService.Reply replayed(Accepted request) {
        audit.refused(
                request.transactionId(),
                request.requesterOin(),
                "REPLAY",
                "jti " + request.message().jti() + " was used before");
        return new ProviderService.Reply.Rejected(ProviderService.Refusal.REPLAYED, null);
    }

    /** The request as this gateway's policy reads a data request. */
    private static DataRequest dataRequest(PeerRequest request) {
        return new DataRequest(
                request.purpose(),
                request.legalBasis(),
                request.phase(),
                request.trigger() == null
                        ? DataRequest.Trigger.HULPVRAAG
                        : DataRequest.Trigger.valueOf(request.trigger()),
                request.caseReference(),
                request.subjects().stream()
                        .map(s -> new DataRequest.Subject(s.bsn(), DataRequest.Role.valueOf(s.role())))
                        .toList(),
                List.of(),
                request.motivation());
    }

    private static Checked refused(ProviderService.Refusal refusal, String field) {
        return new Checked.Refused(new ProviderService.Reply.Rejected(refusal, field));
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }
}
