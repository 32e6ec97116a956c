package nl.wams.gateway.provider;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import nl.wams.adapters.TraceIds;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.config.GatewayConfig;

/**
 * The provider's audit trail: a request refused before it was read, a request received, an
 * exchange broken off (nothing sent), an answer sent and a professional's decision. Subjects are
 * logged as pseudonyms; free text only as the refusal's motivation the provider wrote itself.
 * Every method fails closed: when the log cannot be written, it throws and nothing is sent.
 */
final class ProviderAudit {

    private final AuditLog log;
    private final Pseudonyms pseudonyms;
    private final GatewayConfig.Identity identity;
    private final Supplier<String> configVersion;

    /** @param configVersion the version of the rules that decide what this trail records */
    ProviderAudit(
            AuditLog log, Pseudonyms pseudonyms, GatewayConfig.Identity identity, Supplier<String> configVersion) {
        this.log = log;
        this.pseudonyms = pseudonyms;
        this.identity = identity;
        this.configVersion = configVersion;
    }

    /** The same trail, for what the rules of {@code version} decide (one exchange, one decision). */
    ProviderAudit under(String version) {
        return new ProviderAudit(log, pseudonyms, identity, () -> version);
    }

    /** A request refused before its content was trusted: only who asked and why. */
    void refused(String transactionId, String requesterOin, String ground, String detail) {
        log.append(
                TraceIds.of(transactionId),
                List.of(AuditEntry.of(AuditEvent.PEER_VERZOEK_GEWEIGERD, transactionId)
                        .requester(requesterOin, null)
                        .party(identity.name(), identity.oin())
                        .subjects(List.of())
                        .outcome("GEWEIGERD", ground, detail)
                        .configVersion(configVersion.get())
                        .build()));
    }

    /**
     * A request received, committed together with {@code alongside} (its id marked as used): both
     * or neither. Throws what {@code alongside} withdraws with.
     */
    void received(IncomingRequests.Accepted request, InTransaction alongside) {
        log.append(
                request.trace(),
                List.of(entry(AuditEvent.PEER_VERZOEK_ONTVANGEN, request).build()),
                alongside);
    }

    /** The backend did not answer: the requester gets 503, nothing is sent. */
    void backendUnreachable(IncomingRequests.Accepted request) {
        append(
                request,
                entry(AuditEvent.PEER_VERZOEK_AFGEBROKEN, request)
                        .outcome("NIET_BEREIKBAAR", null, "the backend did not answer: answered 503, nothing sent"));
    }

    /** The requester's announced wait passed before the answer was ready: nothing is sent. */
    void waitPassed(IncomingRequests.Accepted request, Duration waited, Duration elapsed) {
        append(
                request,
                entry(AuditEvent.PEER_VERZOEK_AFGEBROKEN, request)
                        .outcome(
                                PeerAnswer.Outcome.NIET_BEANTWOORD.name(),
                                null,
                                "the requester's wait of " + waited.toMillis() + " ms had passed (" + elapsed.toMillis()
                                        + " ms after receipt): no data sent"));
    }

    void sent(IncomingRequests.Accepted request, PeerAnswer answer) {
        append(
                request,
                answered(
                        entry(AuditEvent.PEER_ANTWOORD_VERSTUURD, request)
                                .categories(request.request().categories(), answer.releasedCategories()),
                        answer));
    }

    private void append(IncomingRequests.Accepted request, AuditEntry.Builder entry) {
        log.append(request.trace(), List.of(entry.build()));
    }

    /** A professional's decision or the end of a review's term, with the reviewer's reference. */
    void decided(ReviewStore.Review review, String reviewer, PeerAnswer answer) {
        String reference = review.transactionId() != null ? review.transactionId() : review.id();
        log.append(
                TraceIds.of(reference),
                List.of(answered(
                                AuditEntry.of(AuditEvent.BEOORDELINGSBESLUIT, reference)
                                        .requester(review.requesterOin(), reviewer)
                                        .party(identity.name(), identity.oin())
                                        .purpose(
                                                review.purpose(), review.legalBasis(), review.phase(), review.caseRef())
                                        .categories(List.of(), answer.releasedCategories())
                                        .configVersion(configVersion.get()),
                                answer)
                        .build()));
    }

    private static AuditEntry.Builder answered(AuditEntry.Builder entry, PeerAnswer answer) {
        return entry.fieldsRemoved(answer.removed())
                .outcome(
                        answer.outcome().name(),
                        answer.ground() == null ? null : answer.ground().name(),
                        answer.motivation());
    }

    /** An entry about a verified request: who asked, this provider, the purpose, the subjects and what was asked. */
    private AuditEntry.Builder entry(AuditEvent event, IncomingRequests.Accepted accepted) {
        var request = accepted.request();
        return AuditEntry.of(event, accepted.transactionId())
                .requester(accepted.requesterOin(), null)
                .party(identity.name(), identity.oin())
                .purpose(request.purpose(), request.legalBasis(), request.phase(), request.caseReference())
                .subjects(request.subjects().stream()
                        .map(s -> pseudonyms.of(s.bsn()))
                        .toList())
                .categories(request.categories(), List.of())
                .configVersion(configVersion.get());
    }
}
