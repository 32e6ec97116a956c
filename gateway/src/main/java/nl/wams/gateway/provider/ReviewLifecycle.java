package nl.wams.gateway.provider;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import nl.wams.adapters.RefusalGround;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;

/**
 * Provider role: the life of a review after the request was held. A professional decides once
 * (release asked categories, or refuse with a ground), or the term ends; either way the final
 * answer is built, signed against the original request, stored for the requester's next poll and
 * logged as {@code BEOORDELINGSBESLUIT}.
 */
public record ReviewLifecycle(
        ProviderAudit audit, ReviewStore reviews, Clock clock, ProviderAnswers answers, ActiveRules rules) {

    /** A professional's decision on a review. */
    public sealed interface Decision {
        /** Release these categories (still minimised at the source). */
        record Release(List<String> categories) implements Decision {
            public Release {
                categories = List.copyOf(categories);
            }
        }

        /** Refuse with a ground and a motivation. */
        record Refuse(RefusalGround ground, String motivation) implements Decision {
            /** The grounds a professional may give (the lack of a legal basis is the gateway's own ground). */
            public static final List<RefusalGround> GROUNDS = List.of(
                    RefusalGround.ZWAARWEGENDE_REDENEN, RefusalGround.BEROEPSGEHEIM, RefusalGround.NIET_NOODZAKELIJK);
        }
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
     * next poll, and audited with the reviewer's reference. Fails closed: when the backend does not
     * answer or the log cannot be written, it throws and nothing is decided.
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
        List<String> asked = review.categories();
        // The rules in force now decide what a release lets go.
        Rules in = rules.current();
        PeerAnswer answer;
        ReviewStatus status;
        if (decision instanceof Decision.Release release) {
            if (!asked.containsAll(release.categories())) {
                return DecisionResult.NOT_ASKED;
            }
            List<String> released =
                    asked.stream().filter(release.categories()::contains).toList();
            List<String> withheld = asked.stream()
                    .filter(c -> !release.categories().contains(c))
                    .toList();
            answer = answers.fromBackend(in.minimisation(), review.purpose(), released, withheld, review.subjects(), id)
                    .orElseThrow(() -> new SQLException("backend not reachable; the decision is not recorded"));
            status = ReviewStatus.VRIJGEGEVEN;
        } else {
            Decision.Refuse refuse = (Decision.Refuse) decision;
            answer = PeerAnswer.refused(refuse.ground(), refuse.motivation());
            status = ReviewStatus.GEWEIGERD;
        }
        return store(review, answer, status, reviewer, in) ? DecisionResult.DECIDED : DecisionResult.ALREADY_DECIDED;
    }

    /** Closes reviews past their term as NIET_BEANTWOORD, so no requester waits forever. */
    public int expire() throws SQLException {
        int closed = 0;
        for (ReviewStore.Review review : reviews.expired(clock.instant())) {
            PeerAnswer answer = PeerAnswer.notAnswered("Niet binnen de termijn beoordeeld.");
            if (store(review, answer, ReviewStatus.NIET_BEANTWOORD, "termijn", rules.current())) {
                closed++;
            }
        }
        return closed;
    }

    private boolean store(ReviewStore.Review review, PeerAnswer answer, ReviewStatus status, String reviewer, Rules in)
            throws SQLException {
        String signed = answers.sign(review.requesterOin(), review.requestJws(), review.id(), answer);
        audit.under(in.version()).decided(review, reviewer, answer);
        return reviews.decide(review.id(), status, clock.instant(), reviewer, signed);
    }
}
