package nl.wams.gateway.provider;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import nl.wams.adapters.PartyAdapter;
import nl.wams.adapters.RefusalGround;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerProtocolException;
import nl.wams.adapters.peer.PeerSigner;
import nl.wams.adapters.peer.PeerTrust;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.federation.ReplayStore;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;

/**
 * Provider role: one exchange with a peer gateway, in the order it happens. The request is checked
 * ({@link IncomingRequests}), this party's release policy decides per category
 * ({@link ReleasePolicy}), categories that need a professional are held ({@link ReviewLifecycle}),
 * the rest comes from the backend minimised at the source and is signed ({@link ProviderAnswers});
 * every step is logged first ({@link ProviderAudit}, fail closed). It returns what happened as a
 * {@link Reply}; the controller maps that to HTTP.
 */
public final class ProviderService {

    private final IncomingRequests incoming;
    private final ActiveRules rules;
    private final ProviderAnswers answers;
    private final ReviewLifecycle lifecycle;
    private final ProviderAudit audit;
    private final ReviewStore reviews;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final PeerRefusals refusals;

    /** Counts refused peer requests by reason (for metrics); never sees the request. */
    @FunctionalInterface
    public interface PeerRefusals {
        PeerRefusals NONE = reason -> {};

        /** {@code reason}: a {@link Refusal}, a signature problem ({@code PeerProtocolException.Reason}) or {@code POLICY}. */
        void refused(String reason);
    }

    /**
     * @param identity this organisation (a reload does not change it)
     * @param rules the rules in force: each exchange is decided by those in force when it arrives
     */
    public ProviderService(
            GatewayConfig.Identity identity,
            ActiveRules rules,
            PeerMessages messages,
            PeerSigner signer,
            ReplayStore replay,
            PartyAdapter backend,
            AuditLog log,
            Pseudonyms pseudonyms,
            ReviewStore reviews,
            Clock clock,
            Supplier<UUID> ids,
            PeerRefusals refusals) {
        this.refusals = refusals;
        this.audit = new ProviderAudit(log, pseudonyms, identity, rules::version);
        this.rules = rules;
        this.incoming = new IncomingRequests(messages, signer.oin(), replay, audit);
        this.answers = new ProviderAnswers(backend, messages, signer);
        this.lifecycle = new ReviewLifecycle(audit, reviews, clock, answers, rules);
        this.reviews = reviews;
        this.clock = clock;
        this.ids = ids;
    }

    /** Why a request got no answer. */
    public enum Refusal {
        /** No client certificate on the mutual-TLS listener. */
        NO_CLIENT_CERTIFICATE,
        /** The client certificate carries no OIN. */
        NO_OIN,
        /** This signed request was received before. */
        REPLAYED,
        /** A field of the request is missing, too long or of the wrong shape ({@code Rejected.field} names it). */
        INVALID_REQUEST,
        /** No such held request for this requester. */
        NOT_FOUND,
        /** The database cannot be written or read: nothing is decided or sent. */
        STORAGE_UNAVAILABLE,
        /** This party's backend did not answer: nothing is sent. */
        BACKEND_UNREACHABLE,
        /** The requester's announced wait passed before the answer was ready: nothing is sent. */
        WAIT_PASSED
    }

    /** What became of a request; the controller maps each to HTTP. */
    public sealed interface Reply {
        /** The signed final answer. */
        record Answered(String jws) implements Reply {}

        /** Held for a professional: the signed pending answer, and where the final one will be. */
        record Held(String jws, String statusPath) implements Reply {}

        /** A held request not decided yet (the status resource). */
        record StillOpen(String statusPath) implements Reply {}

        /** Not answered; {@code field} names the request's field with {@link Refusal#INVALID_REQUEST}. */
        record Rejected(Refusal refusal, String field) implements Reply {}

        /** The signed request did not verify. */
        record Untrusted(PeerProtocolException.Reason reason) implements Reply {}

        /** The request breaks rules of this party's purpose register (all of them listed). */
        record PolicyRefused(List<Violation> violations) implements Reply {
            public PolicyRefused {
                violations = List.copyOf(violations);
            }
        }
    }

    private static final Reply STORAGE_UNAVAILABLE = new Reply.Rejected(Refusal.STORAGE_UNAVAILABLE, null);

    /** Answers one signed request. Fails closed: without storage or log, nothing is decided or sent. */
    public Reply handle(String jws, X509Certificate[] clientChain, String transactionId) {
        long receivedNanos = System.nanoTime();
        IncomingRequests.Checked checked = incoming.check(jws, clientChain, transactionId);
        if (checked instanceof IncomingRequests.Checked.Refused refused) {
            return counted(refused.reply());
        }
        IncomingRequests.Accepted request = ((IncomingRequests.Checked.Ok) checked).request();
        // The rules in force now decide this exchange to its end, also if a reload replaces them meanwhile.
        Rules in = rules.current();
        ProviderAudit audit = this.audit.under(in.version());
        ReleasePolicy releasePolicy = new ReleasePolicy(in.gateway().provider(), in.policy());
        List<Violation> violations = releasePolicy.violations(
                request.requesterOin(), request.dataRequest(), request.request().categories());
        if (!violations.isEmpty()) {
            audit.refused(
                    transactionId,
                    request.requesterOin(),
                    violations.get(0).rule().name(),
                    violations.stream()
                            .map(v -> v.rule().name() + " " + v.path())
                            .distinct()
                            .toList()
                            .toString());
            refusals.refused("POLICY");
            return new Reply.PolicyRefused(violations);
        }
        try {
            // Its id is marked as used in the same durable commit as this record (fail closed).
            audit.received(request, incoming.usedOnce(request));
        } catch (InTransaction.Withdrawn usedBefore) {
            return counted(incoming.replayed(request));
        }

        // The provider's own id for this exchange (review, status resource, answer); the requester's
        // transaction id stays in the log as the reference both organisations share.
        String ownId = ids.get().toString();
        Optional<PeerAnswer> decided;
        try {
            decided = decide(request, ownId, in, releasePolicy);
        } catch (SQLException e) {
            return STORAGE_UNAVAILABLE;
        }
        if (decided.isEmpty()) {
            audit.backendUnreachable(request);
            return new Reply.Rejected(Refusal.BACKEND_UNREACHABLE, null);
        }
        PeerAnswer answer = decided.get();
        Optional<Duration> waited = request.request().waited();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - receivedNanos);
        boolean releases = answer.outcome() == PeerAnswer.Outcome.VERSTREKT
                || answer.outcome() == PeerAnswer.Outcome.GEDEELTELIJK_VERSTREKT;
        if (releases && waited.isPresent() && elapsed.compareTo(sendBy(waited.get())) > 0) {
            audit.waitPassed(request, waited.get(), elapsed);
            return new Reply.Rejected(Refusal.WAIT_PASSED, null);
        }
        audit.sent(request, answer);
        String signed = answers.sign(request.requesterOin(), jws, ownId, answer);
        return answer.outcome() == PeerAnswer.Outcome.IN_BEHANDELING
                ? new Reply.Held(signed, statusPath(ownId))
                : new Reply.Answered(signed);
    }

    /** A refusal before the request was read, counted by its reason. */
    private Reply counted(Reply refusal) {
        refusals.refused(
                refusal instanceof Reply.Untrusted untrusted
                        ? untrusted.reason().name()
                        : ((Reply.Rejected) refusal).refusal().name());
        return refusal;
    }

    /**
     * {@code GET /peer/v1/verzoeken/{id}}: still open while a professional decides, the signed final
     * answer once decided. Only the organisation that asked may read it.
     */
    public Reply status(String id, X509Certificate[] clientChain) {
        Optional<String> tlsOin =
                clientChain == null || clientChain.length == 0 ? Optional.empty() : PeerTrust.oin(clientChain[0]);
        try {
            Optional<ReviewStore.Review> review = reviews.get(id);
            if (review.isEmpty()
                    || tlsOin.isEmpty()
                    || !review.get().requesterOin().equals(tlsOin.get())) {
                return new Reply.Rejected(Refusal.NOT_FOUND, null);
            }
            if (review.get().status() == ReviewStatus.OPEN) {
                return new Reply.StillOpen(statusPath(id));
            }
            return new Reply.Answered(review.get().answerJws());
        } catch (SQLException e) {
            return STORAGE_UNAVAILABLE;
        }
    }

    /**
     * Data is sent only while the requester still waits: its announced wait, less a margin for the
     * way back (a fifth of the wait, at most two seconds), counted from receipt.
     */
    static Duration sendBy(Duration waited) {
        Duration margin = waited.dividedBy(5);
        return waited.minus(margin.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : margin);
    }

    /** The reviews' lifecycle: a professional's decision, and the end of the term. */
    public ReviewLifecycle reviews() {
        return lifecycle;
    }

    /** The status resource of a held request; signed into the pending answer, so it is the only one polled. */
    static String statusPath(String reviewId) {
        return "/peer/v1/verzoeken/" + reviewId;
    }

    /** The answer to an accepted request; empty when the backend did not answer. */
    private Optional<PeerAnswer> decide(
            IncomingRequests.Accepted accepted, String ownId, Rules in, ReleasePolicy releasePolicy)
            throws SQLException {
        var request = accepted.request();
        if (!releasePolicy.serves(accepted.requesterOin(), request.purpose())) {
            return Optional.of(PeerAnswer.refused(
                    RefusalGround.GEEN_GRONDSLAG,
                    "Deze organisatie wordt niet bediend voor doel '" + request.purpose() + "'."));
        }
        ReleasePolicy.Split split = releasePolicy.split(request.categories());
        if (!split.review().isEmpty()) {
            Instant now = clock.instant();
            reviews.create(new ReviewStore.Review(
                    ownId,
                    accepted.requesterOin(),
                    request.purpose(),
                    request.legalBasis(),
                    request.phase(),
                    request.trigger() == null ? null : accepted.dataRequest().trigger(),
                    request.caseReference(),
                    request.motivation(),
                    request.categories(),
                    request.subjects(),
                    accepted.jws(),
                    ReviewStatus.OPEN,
                    now,
                    now.plus(in.gateway().provider().reviewTerm()),
                    null,
                    null,
                    null,
                    accepted.transactionId()));
            return Optional.of(PeerAnswer.held(statusPath(ownId), split.review()));
        }
        return answers.fromBackend(
                in.minimisation(),
                request.purpose(),
                split.automatic(),
                split.never(),
                request.subjects(),
                accepted.transactionId());
    }
}
