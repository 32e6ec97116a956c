package nl.wams.gateway.federation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.TraceIds;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerSigner;
import nl.wams.adapters.peer.PeerWire;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.storage.StoredTime;

/**
 * Provider role: the life of a review after the request was held. A professional decides once
 * (release asked categories, or refuse with a ground), or the term ends; either way the final
 * answer is built, signed against the original request, stored for the requester's next poll and
 * logged as {@code BEOORDELINGSBESLUIT}.
 */
public final class ReviewLifecycle {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayConfig.Identity identity;
    private final PeerMessages messages;
    private final PeerSigner signer;
    private final AuditLog audit;
    private final ReviewStore reviews;
    private final Clock clock;
    private final ProviderAnswers answers;

    ReviewLifecycle(
            GatewayConfig.Identity identity,
            PeerMessages messages,
            PeerSigner signer,
            AuditLog audit,
            ReviewStore reviews,
            Clock clock,
            ProviderAnswers answers) {
        this.identity = identity;
        this.messages = messages;
        this.signer = signer;
        this.audit = audit;
        this.reviews = reviews;
        this.clock = clock;
        this.answers = answers;
    }

    /** A professional's decision on a review. */
    public sealed interface Decision {
        /** Release these categories (still minimised at the source). */
        record Release(List<String> categories) implements Decision {}

        /** Refuse with a ground and a motivation. */
        record Refuse(String ground, String motivation) implements Decision {}
    }

    /** What became of a decision. */
    public enum DecisionResult {
        DECIDED,
        NOT_FOUND,
        ALREADY_DECIDED,
        /** A reviewer named a category the request did not ask: nothing is decided. */
        NOT_ASKED
    }

    /**
     * Records a decision once: the answer is built (from the backend for released categories,
     * minimised at the source), signed against the original request, stored for the requester's
     * next poll, and audited with the reviewer's reference.
     */
    public DecisionResult decide(String id, String reviewer, Decision decision) throws SQLException {
        Optional<ReviewStore.Review> found = reviews.get(id);
        if (found.isEmpty()) {
            return DecisionResult.NOT_FOUND;
        }
        ReviewStore.Review review = found.get();
        if (review.status().decided()) {
            return DecisionResult.ALREADY_DECIDED;
        }
        List<AdapterRequest.Subject> subjects = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        try {
            JSON.readTree(review.subjects())
                    .forEach(p -> subjects.add(new AdapterRequest.Subject(
                            p.path(PeerWire.BSN).asText(), p.path(PeerWire.ROLE).asText())));
            JSON.readTree(review.categories()).forEach(c -> asked.add(c.asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored review " + id + " is unreadable", e);
        }
        ObjectNode answer;
        ReviewStatus status;
        if (decision instanceof Decision.Release release && !asked.containsAll(release.categories())) {
            return DecisionResult.NOT_ASKED;
        }
        if (decision instanceof Decision.Release release) {
            List<String> released =
                    asked.stream().filter(release.categories()::contains).toList();
            List<String> withheld = asked.stream()
                    .filter(c -> !release.categories().contains(c))
                    .toList();
            answer = answers.fromBackend(review.purpose(), released, withheld, subjects, id);
            status = ReviewStatus.VRIJGEGEVEN;
        } else {
            Decision.Refuse refuse = (Decision.Refuse) decision;
            answer = ProviderAnswers.refusal(refuse.ground(), refuse.motivation());
            status = ReviewStatus.GEWEIGERD;
        }
        if (ProviderAnswers.BACKEND_UNREACHABLE.equals(
                answer.path(PeerWire.OUTCOME).asText())) {
            throw new SQLException("backend not reachable; the decision is not recorded");
        }
        return store(review, answer, status, reviewer) ? DecisionResult.DECIDED : DecisionResult.ALREADY_DECIDED;
    }

    /** Closes reviews past their term as NIET_BEANTWOORD, so no requester waits forever. */
    public int expire() throws SQLException {
        int closed = 0;
        for (ReviewStore.Review review : reviews.expired(StoredTime.format(clock.instant()))) {
            ObjectNode answer = JSON.createObjectNode()
                    .put(PeerWire.OUTCOME, PeerWire.Outcome.NIET_BEANTWOORD.name())
                    .put(PeerWire.MOTIVATION, "Niet binnen de termijn beoordeeld.");
            if (store(review, answer, ReviewStatus.NIET_BEANTWOORD, "termijn")) {
                closed++;
            }
        }
        return closed;
    }

    private boolean store(ReviewStore.Review review, ObjectNode answer, ReviewStatus status, String reviewer)
            throws SQLException {
        String signed = messages.signAnswer(signer, review.requesterOin(), review.requestJws(), review.id(), answer);
        String reference = review.transactionId() != null ? review.transactionId() : review.id();
        audit.append(
                TraceIds.of(reference),
                List.of(AuditEntry.of(AuditEvent.BEOORDELINGSBESLUIT, reference)
                        .requester(review.requesterOin(), reviewer)
                        .party(identity.name(), identity.oin())
                        .purpose(review.purpose(), review.legalBasis(), review.phase(), review.caseRef())
                        .categories(List.of(), ProviderAnswers.releasedCategories(answer))
                        .fieldsRemoved(ProviderAnswers.removed(answer))
                        .outcome(
                                answer.path(PeerWire.OUTCOME).asText(),
                                ProviderAnswers.text(answer, PeerWire.GROUND),
                                ProviderAnswers.text(answer, PeerWire.MOTIVATION))
                        .build()));
        return reviews.decide(review.id(), status, StoredTime.format(clock.instant()), reviewer, signed);
    }
}
