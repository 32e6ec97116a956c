package nl.wams.gateway.web;

import java.util.List;
import java.util.Map;
import nl.wams.adapters.RefusalGround;
import nl.wams.gateway.provider.ReviewLifecycle;
import nl.wams.gateway.provider.ReviewStore;
import nl.wams.gateway.requester.AnswerCheck;

/** A professional's decision as the browser posts it (the form, then the confirmation). */
public record DecisionForm(String besluit, List<String> categorieen, String grond, String motivering) {

    public DecisionForm {
        categorieen = categorieen == null ? List.of() : List.copyOf(categorieen);
    }
    /** What the form lacks (field id to message); the same rules as the API's decision. */
    Map<String, String> check(ReviewStore.Review review) {
        if (!AnswerCheck.plainText(motivation())) {
            return Map.of(
                    "motivering", "De motivering is platte tekst van ten hoogste " + AnswerCheck.MAX_TEXT + " tekens.");
        }
        if ("VRIJGEVEN".equals(besluit)) {
            if (categorieen.isEmpty()) {
                return Map.of("categorieen", "Kies de categorieën die u vrijgeeft.");
            }
            if (!review.categories().containsAll(categorieen)) {
                return Map.of("categorieen", "Alleen gevraagde categorieën kunnen worden vrijgegeven.");
            }
            return Map.of();
        }
        if ("WEIGEREN".equals(besluit)) {
            if (ReviewLifecycle.Decision.Refuse.GROUNDS.stream()
                    .noneMatch(g -> g.name().equals(grond))) {
                return Map.of("grond", "Kies de grond van de weigering.");
            }
            if (motivation().isEmpty()) {
                return Map.of("motivering", "Een weigering vereist een motivering.");
            }
            return Map.of();
        }
        return Map.of("besluit", "Kies: vrijgeven of weigeren.");
    }

    /** The decision; only after {@link #check} found nothing. */
    ReviewLifecycle.Decision toDecision() {
        return "VRIJGEVEN".equals(besluit)
                ? new ReviewLifecycle.Decision.Release(categorieen)
                : new ReviewLifecycle.Decision.Refuse(RefusalGround.valueOf(grond), motivation());
    }

    String motivation() {
        return motivering == null ? "" : motivering.strip();
    }

    @Override
    public String toString() {
        return "DecisionForm[besluit=" + besluit + "]";
    }
}
