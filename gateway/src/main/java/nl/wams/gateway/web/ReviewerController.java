package nl.wams.gateway.web;

import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wams.gateway.config.Catalogue;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.provider.ProviderService;
import nl.wams.gateway.provider.ReviewLifecycle;
import nl.wams.gateway.provider.ReviewStore;
import nl.wams.gateway.register.ActiveRules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The professional's review inbox (provider gateway, role {@code reviewer}): oldest first with the
 * deadline, one request in full with exactly the fields that would leave after minimisation at
 * the source, and the decision with a confirmation step. A decision is final, as in the API.
 */
@Controller
class ReviewerController {

    private final LoadedConfig config;
    private final ObjectProvider<ReviewStore> reviews;
    private final ObjectProvider<ProviderService> provider;
    private final ActiveRules rules;
    private final Clock clock;

    ReviewerController(
            LoadedConfig config,
            ObjectProvider<ReviewStore> reviews,
            ObjectProvider<ProviderService> provider,
            ActiveRules rules,
            Clock clock) {
        this.config = config;
        this.reviews = reviews;
        this.provider = provider;
        this.rules = rules;
        this.clock = clock;
    }

    @GetMapping("/beoordelingen")
    String inbox(Model model) throws SQLException {
        providerOnly();
        model.addAttribute("beoordelingen", reviews.getObject().open(1, 500));
        model.addAttribute("nu", clock.instant());
        return "web/beoordelingen";
    }

    @GetMapping("/beoordelingen/{id}")
    String review(@PathVariable("id") String id, Model model) throws SQLException {
        providerOnly();
        ReviewStore.Review review = find(id);
        model.addAttribute("beoordeling", review);
        model.addAttribute("nu", clock.instant());
        model.addAttribute("velden", fieldsThatWouldLeave(review));
        model.addAttribute("gronden", ReviewLifecycle.Decision.Refuse.GROUNDS);
        return "web/beoordeling";
    }

    /** The decision as the professional filled it in, to confirm; nothing is decided yet. */
    @PostMapping("/beoordelingen/{id}/bevestigen")
    String confirm(@PathVariable("id") String id, @ModelAttribute("besluitForm") DecisionForm form, Model model)
            throws SQLException {
        providerOnly();
        ReviewStore.Review review = find(id);
        Map<String, String> errors = form.check(review);
        model.addAttribute("beoordeling", review);
        model.addAttribute("nu", clock.instant());
        model.addAttribute("gronden", ReviewLifecycle.Decision.Refuse.GROUNDS);
        model.addAttribute("besluit", form.besluit());
        model.addAttribute("gekozen", form.categorieen());
        model.addAttribute("grond", form.grond());
        model.addAttribute("motivering", form.motivation());
        if (!errors.isEmpty()) {
            model.addAttribute("velden", fieldsThatWouldLeave(review));
            model.addAttribute("fouten", errors);
            return "web/beoordeling";
        }
        return "web/beoordeling-bevestigen";
    }

    /** Records the decision (final), logged as the professional's. */
    @PostMapping("/beoordelingen/{id}/besluit")
    String decide(
            @PathVariable("id") String id,
            @ModelAttribute("besluitForm") DecisionForm form,
            @AuthenticationPrincipal OidcUser user,
            Model model)
            throws SQLException {
        providerOnly();
        if (!form.check(find(id)).isEmpty()) {
            return confirm(id, form, model);
        }
        return switch (provider.getObject().reviews().decide(id, user.getSubject(), form.toDecision())) {
            case DECIDED -> "redirect:/beoordelingen/" + id;
            case ALREADY_DECIDED ->
                WebPages.message(model, "Al besloten", "Over dit verzoek is al besloten; een besluit is definitief.");
            case NOT_FOUND, NOT_ASKED -> throw new WebPages.NotFound();
        };
    }

    /** Per asked category, the fields that would leave after this provider's own minimisation. */
    private Map<String, List<String>> fieldsThatWouldLeave(ReviewStore.Review review) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String category : review.categories()) {
            fields.put(
                    category,
                    rules.current()
                            .minimisation()
                            .profile(review.purpose(), category)
                            .map(p -> p.rules().entrySet().stream()
                                    .map(e -> e.getKey().text() + " ("
                                            + e.getValue().describe() + ")")
                                    .toList())
                            .orElse(List.of()));
        }
        return fields;
    }

    private ReviewStore.Review find(String id) throws SQLException {
        return reviews.getObject().get(id).orElseThrow(WebPages.NotFound::new);
    }

    private void providerOnly() {
        if (!config.gateway().provides()) {
            throw new WebPages.NotFound();
        }
    }

    /** A category's description for the page. */
    Optional<Catalogue.Category> category(String name) {
        return config.catalogue().category(name);
    }
}
