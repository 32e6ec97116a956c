package nl.wams.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import nl.wams.gateway.api.ApiHeadersFilter;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.participation.Participation;
import nl.wams.gateway.participation.Received;
import nl.wams.gateway.requester.AnswerCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the municipality's gateway sent for the coordinated approach (a party's gateway, role
 * {@code reviewer}): held apart from the own file until the professional adopts it (naming the own
 * task that needs it) or declines it, and invitations to case meetings, to which the professional
 * contributes what they judge necessary. The same {@code Participation} as the API decides and
 * logs it.
 */
@Controller
class ReceivedController {

    private final ObjectProvider<Participation> participation;
    private final LoadedConfig config;

    ReceivedController(ObjectProvider<Participation> participation, LoadedConfig config) {
        this.participation = participation;
        this.config = config;
    }

    @GetMapping("/ontvangen")
    String list(Model model) throws SQLException {
        model.addAttribute("ontvangen", service().store().current(200));
        return "web/ontvangen";
    }

    @GetMapping("/ontvangen/{id}")
    String show(@PathVariable("id") String id, Model model) throws SQLException {
        return page(id, Map.of(), model);
    }

    @PostMapping("/ontvangen/{id}/besluit")
    String decide(
            @PathVariable("id") String id,
            @RequestParam(name = "besluit", required = false) String decision,
            @RequestParam(name = "motivering", required = false) String motivation,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        Participation.Decision chosen = "OVERNEMEN".equals(decision)
                ? Participation.Decision.OVERNEMEN
                : "AFWIJZEN".equals(decision) ? Participation.Decision.AFWIJZEN : null;
        String text = motivation == null ? "" : motivation.strip();
        if (chosen == null) {
            return page(id, Map.of("besluit", "Kies overnemen of afwijzen."), model);
        }
        if (!AnswerCheck.plainText(text)) {
            return page(
                    id,
                    Map.of("motivering", "Gebruik gewone tekst van ten hoogste " + AnswerCheck.MAX_TEXT + " tekens."),
                    model);
        }
        if (chosen == Participation.Decision.OVERNEMEN && text.isEmpty()) {
            return page(id, Map.of("motivering", "Noem de eigen taak waarvoor u de gegevens nodig heeft."), model);
        }
        outcome(service()
                .decide(
                        id,
                        chosen,
                        text.isEmpty() ? null : text,
                        user.getSubject(),
                        ApiHeadersFilter.transactionId(http).toString()));
        return "redirect:/ontvangen/" + id;
    }

    @PostMapping("/ontvangen/{id}/bijdrage")
    String contribute(
            @PathVariable("id") String id,
            @RequestParam(name = "categorieen", required = false) List<String> categories,
            @RequestParam(name = "motivering", required = false) String motivation,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        if (categories == null || categories.isEmpty()) {
            return page(id, Map.of("categorieen", "Kies wat u bijdraagt."), model);
        }
        if (motivation == null || motivation.isBlank() || !AnswerCheck.plainText(motivation)) {
            return page(id, Map.of("motivering", "Waarom is dit nodig voor het overleg? (gewone tekst)"), model);
        }
        Participation.Outcome outcome = service()
                .contribute(
                        id,
                        categories,
                        motivation.strip(),
                        user.getSubject(),
                        ApiHeadersFilter.transactionId(http).toString());
        if (outcome == Participation.Outcome.NOTHING_TO_CONTRIBUTE) {
            return page(
                    id,
                    Map.of(
                            "categorieen",
                            "Het eigen systeem kent deze persoon niet, of het uitgaande profiel laat niets van deze"
                                    + " categorieën door."),
                    model);
        }
        if (outcome == Participation.Outcome.NOT_DELIVERED || outcome == Participation.Outcome.BACKEND_UNREACHABLE) {
            return page(
                    id,
                    Map.of(
                            "categorieen",
                            "De gateway van de gemeente of het eigen systeem antwoordt nu niet; probeer het later."),
                    model);
        }
        outcome(outcome);
        return "redirect:/ontvangen/" + id;
    }

    private String page(String id, Map<String, String> errors, Model model) throws SQLException {
        Received received = service().store().get(id).orElseThrow(WebPages.NotFound::new);
        model.addAttribute("item", received);
        model.addAttribute("fouten", errors);
        model.addAttribute(
                "bijdragen",
                config.gateway().provider() == null
                        ? List.of()
                        : config.gateway().provider().backend().mappings().keySet());
        model.addAttribute("uitnodiging", received.invitation());
        return "web/ontvangst";
    }

    private Participation service() {
        Participation service = participation.getIfAvailable();
        if (service == null) {
            throw new WebPages.NotFound();
        }
        return service;
    }

    private static void outcome(Participation.Outcome outcome) {
        switch (outcome) {
            case NOT_FOUND -> throw new WebPages.NotFound();
            case ALREADY_DECIDED -> throw new WebPages.Final();
            default -> {}
        }
    }
}
