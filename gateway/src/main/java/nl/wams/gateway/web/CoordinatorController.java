package nl.wams.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.wams.gateway.api.ApiHeadersFilter;
import nl.wams.gateway.config.Catalogue;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.policy.PolicyRefusedException;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.request.DataRequestResult;
import nl.wams.gateway.requester.DataRequestHandler;
import nl.wams.gateway.requester.RequestPreview;
import nl.wams.gateway.requester.ResultStore;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The coordinator's screens (requester gateway, role {@code coordinator}): compose a data request
 * step by step, see exactly what would pass before sending (the preview of {@code explain}), send
 * it through the same flow as the API, and follow the result per party.
 */
@Controller
class CoordinatorController {

    private final ActiveRules rules;
    private final RequestPreview preview;
    private final DataRequestHandler handler;
    private final ResultStore results;

    CoordinatorController(ActiveRules rules, RequestPreview preview, DataRequestHandler handler, ResultStore results) {
        this.rules = rules;
        this.preview = preview;
        this.handler = handler;
        this.results = results;
    }

    @InitBinder("form")
    void limits(WebDataBinder binder) {
        binder.setAutoGrowCollectionLimit(64);
    }

    /** The coordinator's requests, grouped by case reference (newest first). */
    @GetMapping("/verzoeken")
    String list(@AuthenticationPrincipal OidcUser user, Model model) throws SQLException {
        Map<String, List<DataRequestResult>> byCase = new LinkedHashMap<>();
        for (DataRequestResult result : results.list(user.getSubject(), 200)) {
            byCase.computeIfAbsent(result.request().caseReference(), k -> new ArrayList<>())
                    .add(result);
        }
        model.addAttribute("zaken", byCase);
        return "web/verzoeken";
    }

    /** Step 1: the purpose (with its legal basis); step 2 (with {@code doel}): the rest of the request. */
    @GetMapping("/verzoeken/nieuw")
    String compose(@RequestParam(name = "doel", required = false) String purpose, Model model) {
        Optional<GatewayConfig.Purpose> chosen =
                purpose == null ? Optional.empty() : rules.current().gateway().purpose(purpose);
        if (chosen.isEmpty()) {
            model.addAttribute("doelen", rules.current().gateway().purposes());
            return "web/verzoek-doel";
        }
        return form(RequestForm.empty(chosen.get().id()), chosen.get(), Map.of(), model);
    }

    /** The preview: every rule the request breaks, or exactly what would pass per party. Nothing is sent. */
    @PostMapping("/verzoeken/voorbeeld")
    String preview(@ModelAttribute("form") RequestForm form, Model model) {
        GatewayConfig.Purpose purpose = purpose(form);
        Map<String, String> errors = form.check();
        if (!errors.isEmpty()) {
            return form(form, purpose, errors, model);
        }
        model.addAttribute("voorbeeld", preview.preview(request(form, purpose)));
        model.addAttribute("doel", purpose);
        return "web/verzoek-voorbeeld";
    }

    /** Back from the preview to the form, with everything as it was filled in. */
    @PostMapping("/verzoeken/voorbeeld/wijzigen")
    String edit(@ModelAttribute("form") RequestForm form, Model model) {
        return form(form, purpose(form), Map.of(), model);
    }

    /** Sends the request through the same flow as the API (policy, audit, parties, minimisation). */
    @PostMapping("/verzoeken")
    String send(
            @ModelAttribute("form") RequestForm form,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model) {
        GatewayConfig.Purpose purpose = purpose(form);
        Map<String, String> errors = form.check();
        if (!errors.isEmpty()) {
            return form(form, purpose, errors, model);
        }
        UUID id = ApiHeadersFilter.transactionId(http);
        try {
            handler.handle(id, user.getSubject(), request(form, purpose));
        } catch (PolicyRefusedException e) {
            // Logged as refused by the handler; shown as the preview shows it.
            model.addAttribute(
                    "voorbeeld", new RequestPreview.Preview(request(form, purpose), e.violations(), List.of()));
            model.addAttribute("doel", purpose);
            return "web/verzoek-voorbeeld";
        }
        return "redirect:/verzoeken/" + id;
    }

    @GetMapping("/verzoeken/{id}")
    String result(@PathVariable("id") UUID id, @AuthenticationPrincipal OidcUser user, Model model)
            throws SQLException {
        model.addAttribute("resultaat", own(id, user));
        return "web/verzoek";
    }

    /** The per-party results alone, for the page to update itself while a party still decides. */
    @GetMapping("/verzoeken/{id}/resultaten")
    String results(@PathVariable("id") UUID id, @AuthenticationPrincipal OidcUser user, Model model)
            throws SQLException {
        model.addAttribute("resultaat", own(id, user));
        return "web/verzoek :: resultaten";
    }

    private DataRequestResult own(UUID id, OidcUser user) throws SQLException {
        return results.get(id, user.getSubject()).orElseThrow(WebPages.NotFound::new);
    }

    private GatewayConfig.Purpose purpose(RequestForm form) {
        return rules.current().gateway().purpose(String.valueOf(form.getDoel())).orElseThrow(WebPages.NotFound::new);
    }

    private static DataRequest request(RequestForm form, GatewayConfig.Purpose purpose) {
        return form.toDataRequest(purpose.phase(), purpose.legalBasis().id());
    }

    /** Per party, the categories this purpose allows and the party offers. */
    record PartyChoice(GatewayConfig.Party party, List<Catalogue.Category> categories) {}

    private String form(RequestForm form, GatewayConfig.Purpose purpose, Map<String, String> errors, Model model) {
        form.fillRows();
        List<PartyChoice> parties = new ArrayList<>();
        Rules in = rules.current();
        for (GatewayConfig.Party party : in.gateway().parties()) {
            List<Catalogue.Category> offered = party.categories().stream()
                    .filter(purpose.categories()::contains)
                    .map(c -> in.catalogue().category(c))
                    .flatMap(Optional::stream)
                    .toList();
            if (!offered.isEmpty()) {
                parties.add(new PartyChoice(party, offered));
            }
        }
        model.addAttribute("form", form);
        model.addAttribute("doel", purpose);
        model.addAttribute("partijen", parties);
        model.addAttribute("fouten", errors);
        model.addAttribute("aanleidingen", DataRequest.Trigger.values());
        model.addAttribute("rollenPersoon", DataRequest.Role.values());
        return "web/verzoek-nieuw";
    }
}
