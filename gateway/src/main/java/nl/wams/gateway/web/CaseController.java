package nl.wams.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.wams.adapters.FieldType;
import nl.wams.gateway.api.ApiHeadersFilter;
import nl.wams.gateway.config.Catalogue;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.coordination.Case;
import nl.wams.gateway.coordination.CaseAudit;
import nl.wams.gateway.coordination.Cases;
import nl.wams.gateway.coordination.ClientLetter;
import nl.wams.gateway.coordination.CoordinatedApproach;
import nl.wams.gateway.coordination.Part;
import nl.wams.gateway.policy.Bsn;
import nl.wams.gateway.policy.PolicyRefusedException;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.requester.AnswerCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The coordinator's cases (requester gateway, role {@code coordinator}): the list, a new case, one
 * case with its coördinatiedossier, and from there a dossier entry, a case meeting, data provided
 * to a party, closing, and the client letter. Everything goes through the same services as the API
 * ({@code Cases}, {@code CoordinatedApproach}, {@code ClientLetter}), which log it under the
 * person's {@code sub}; a broken rule is shown on the page, as the API names it.
 */
@Controller
class CaseController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cases cases;
    private final ObjectProvider<CoordinatedApproach> approach;
    private final ClientLetter letter;
    private final ActiveRules rules;

    CaseController(Cases cases, ObjectProvider<CoordinatedApproach> approach, ClientLetter letter, ActiveRules rules) {
        this.cases = cases;
        this.approach = approach;
        this.letter = letter;
        this.rules = rules;
    }

    @GetMapping("/zaken")
    String list(Model model) throws SQLException {
        model.addAttribute("zaken", cases.list(200));
        return "web/zaken";
    }

    @GetMapping("/zaken/nieuw")
    String form(Model model) {
        return newCase(Map.of(), Map.of(), model);
    }

    /** Creates a case from the form; what is wrong is shown with the form again, nothing is kept. */
    @PostMapping("/zaken")
    String create(
            @RequestParam Map<String, String> form,
            @RequestParam(name = "wetten", required = false) List<String> laws,
            @RequestParam(name = "domeinen", required = false) List<String> domains,
            @RequestParam(name = "partijen", required = false) List<String> parties,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        Map<String, String> errors = plain(form);
        String reference = form.getOrDefault("zaakkenmerk", "").strip();
        if (!reference.matches("(?!.*[0-9]{9})[A-Za-z0-9][A-Za-z0-9-]{0,63}")) {
            errors.put("zaakkenmerk", "Geef een zaakkenmerk van letters, cijfers en streepjes (geen BSN).");
        }
        List<DataRequest.Subject> people = new ArrayList<>();
        person(form.get("client"), DataRequest.Role.CLIENT, "client", people, errors, true);
        person(form.get("gezinslid"), DataRequest.Role.GEZINSLID, "gezinslid", people, errors, false);
        if (laws == null || laws.isEmpty()) {
            errors.put("wetten", "Kies ten minste één wet van het sociaal domein.");
        }
        if (!errors.isEmpty()) {
            return newCase(form, errors, model);
        }
        String name = form.getOrDefault("coordinatorNaam", "").strip();
        Case.Details details;
        try {
            details = details(form, people, laws, domains, parties, name);
        } catch (IllegalArgumentException e) {
            return newCase(form, Map.of("aanleiding", "Kies uit de aangeboden mogelijkheden."), model);
        }
        try {
            Cases.Result<Cases.CaseView> created = cases.create(reference, details, user.getSubject(), tx(http));
            if (created instanceof Cases.Result.Conflict<Cases.CaseView>) {
                return newCase(form, Map.of("zaakkenmerk", "Er is al een zaak met dit kenmerk."), model);
            }
        } catch (PolicyRefusedException e) {
            return newCase(form, violations(e), model);
        }
        return "redirect:/zaken/" + reference;
    }

    /** The case as the form describes it; IllegalArgumentException for a choice the form did not offer. */
    private static Case.Details details(
            Map<String, String> form,
            List<DataRequest.Subject> people,
            List<String> laws,
            List<String> domains,
            List<String> parties,
            String name) {
        return new Case.Details(
                DataRequest.Trigger.valueOf(form.getOrDefault("aanleiding", "VERZOEK_PROFESSIONAL")),
                people,
                text(form.get("afbakening")),
                new Case.Investigation(
                        Case.Outcome.valueOf(form.getOrDefault("uitkomst", "ONDERZOEK_LOOPT")),
                        text(form.get("reden"))),
                enums(Case.SocialLaw.class, laws),
                enums(Case.AdjacentDomain.class, domains),
                name.isEmpty()
                        ? null
                        : new Case.Coordinator(
                                Case.CoordinatorKind.valueOf(form.getOrDefault("coordinatorSoort", "GEMEENTE")),
                                form.getOrDefault("coordinatorOrganisatie", "").strip(),
                                name),
                "on".equals(form.get("coordinatorAfgezien")),
                parties == null ? List.of() : parties);
    }

    @GetMapping("/zaken/{kenmerk}")
    String show(
            @PathVariable("kenmerk") String reference,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        return page(reference, Map.of(), user, http, model);
    }

    @PostMapping("/zaken/{kenmerk}/dossier")
    String addToDossier(
            @PathVariable("kenmerk") String reference,
            @RequestParam Map<String, String> form,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        Map<String, String> notPlain = plain(form);
        if (!notPlain.isEmpty()) {
            return page(reference, notPlain, user, http, model);
        }
        Part.Kind kind = switch (form.getOrDefault("soort", "")) {
            case "AFSPRAAK" -> Part.Kind.AFSPRAAK;
            case "BIJSTELLING" -> Part.Kind.BIJSTELLING;
            default -> Part.Kind.VOORTGANG;
        };
        Part.Content content;
        if (kind == Part.Kind.AFSPRAAK) {
            if (blank(form.get("wat")) || blank(form.get("wie"))) {
                return page(reference, Map.of("wat", "Een afspraak noemt wat en wie."), user, http, model);
            }
            content = new Part.Agreement(text(form.get("wat")), text(form.get("wie")), text(form.get("uiterlijk")));
        } else {
            if (blank(form.get("tekst"))) {
                return page(reference, Map.of("tekst", "Schrijf de voortgang of bijstelling op."), user, http, model);
            }
            content = new Part.Note(text(form.get("tekst")));
        }
        done(cases.addToDossier(reference, kind, content, user.getSubject(), tx(http)));
        return "redirect:/zaken/" + reference;
    }

    @PostMapping("/zaken/{kenmerk}/overleggen")
    String convene(
            @PathVariable("kenmerk") String reference,
            @RequestParam Map<String, String> form,
            @RequestParam(name = "deelnemers", required = false) List<String> participants,
            @RequestParam(name = "categorieen", required = false) List<String> categories,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        boolean client = "on".equals(form.get("clientUitgenodigd"));
        boolean representatives = "on".equals(form.get("vertegenwoordigersUitgenodigd"));
        Map<String, String> errors = plain(form);
        if (!form.getOrDefault("datum", "").matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            errors.put("datum", "Geef de datum van het overleg.");
        }
        if (participants == null || participants.isEmpty()) {
            errors.put("deelnemers", "Kies ten minste één deelnemer.");
        }
        if ((!client || !representatives) && blank(form.get("zwaarwegendBelang"))) {
            errors.put(
                    "zwaarwegendBelang",
                    "Noem het zwaarwegend belang om de cliënt of vertegenwoordigers niet uit te nodigen.");
        }
        if (!errors.isEmpty()) {
            return page(reference, errors, user, http, model);
        }
        Part.Meeting meeting = new Part.Meeting(
                form.get("datum"),
                participants,
                client,
                representatives,
                text(form.get("zwaarwegendBelang")),
                categories == null ? List.of() : categories);
        try {
            done(approach.getObject().convene(reference, meeting, user.getSubject(), tx(http)));
        } catch (PolicyRefusedException e) {
            return page(reference, violations(e), user, http, model);
        }
        return "redirect:/zaken/" + reference;
    }

    /**
     * The coordinator provides data about one person of the case to a party: one category, a field
     * per line ({@code veld: waarde}), read as the catalogue types the field.
     */
    @PostMapping("/zaken/{kenmerk}/verstrekkingen")
    String provide(
            @PathVariable("kenmerk") String reference,
            @RequestParam Map<String, String> form,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        Case zaak = cases.store().get(reference).orElseThrow(WebPages.NotFound::new);
        Map<String, String> errors = plain(form);
        int person = index(form.get("persoon"), zaak.details().people().size());
        String category = form.getOrDefault("categorie", "");
        Map<String, JsonNode> fields = fields(rules.current(), category, form.getOrDefault("gegevens", ""), errors);
        if (person < 0) {
            errors.put("persoon", "Kies een persoon van de zaak.");
        }
        if (blank(form.get("reden"))) {
            errors.put("reden", "Noem de reden van de verstrekking.");
        }
        if (!errors.isEmpty()) {
            return page(reference, errors, user, http, model);
        }
        try {
            done(approach.getObject()
                    .provide(
                            reference,
                            form.getOrDefault("partij", ""),
                            text(form.get("reden")),
                            zaak.details().people().get(person).bsn(),
                            category,
                            fields,
                            user.getSubject(),
                            tx(http)));
        } catch (PolicyRefusedException e) {
            return page(reference, violations(e), user, http, model);
        }
        return "redirect:/zaken/" + reference;
    }

    @PostMapping("/zaken/{kenmerk}/sluiting")
    String close(
            @PathVariable("kenmerk") String reference, @AuthenticationPrincipal OidcUser user, HttpServletRequest http)
            throws SQLException {
        done(cases.close(reference, user.getSubject(), tx(http)));
        return "redirect:/zaken/" + reference;
    }

    /** The client letter as the client will read it. */
    @GetMapping(path = "/zaken/{kenmerk}/brief", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> letterHtml(
            @PathVariable("kenmerk") String reference, @AuthenticationPrincipal OidcUser user, HttpServletRequest http)
            throws SQLException {
        Case zaak = cases.store().get(reference).orElseThrow(WebPages.NotFound::new);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(letter.html(zaak, user.getSubject(), tx(http)));
    }

    @GetMapping("/zaken/{kenmerk}/brief.pdf")
    ResponseEntity<byte[]> letterPdf(
            @PathVariable("kenmerk") String reference, @AuthenticationPrincipal OidcUser user, HttpServletRequest http)
            throws SQLException {
        Case zaak = cases.store().get(reference).orElseThrow(WebPages.NotFound::new);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"brief-" + reference + ".pdf\"")
                .body(letter.pdf(zaak, user.getSubject(), tx(http)));
    }

    /** The case page: reading it is logged by {@code Cases.read}. */
    private String page(
            String reference, Map<String, String> errors, OidcUser user, HttpServletRequest http, Model model)
            throws SQLException {
        Cases.CaseView view = done(cases.read(reference, user.getSubject(), tx(http)));
        GatewayConfig gateway = rules.current().gateway();
        model.addAttribute("zaak", view.zaak());
        model.addAttribute("onderdelen", view.parts());
        model.addAttribute("fouten", errors);
        model.addAttribute("partijen", gateway.parties());
        model.addAttribute(
                "gatewayPartijen",
                gateway.parties().stream()
                        .filter(p -> gateway.peerBase(p).isPresent())
                        .toList());
        model.addAttribute(
                "categorieen",
                gateway.purpose(CaseAudit.PURPOSE)
                        .map(GatewayConfig.Purpose::categories)
                        .orElse(List.of()));
        return "web/zaak";
    }

    private String newCase(Map<String, String> form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("fouten", errors);
        model.addAttribute("wetten", Case.SocialLaw.values());
        model.addAttribute("domeinen", Case.AdjacentDomain.values());
        model.addAttribute("partijen", rules.current().gateway().parties());
        return "web/zaak-nieuw";
    }

    /** The fields of one category, a line each ({@code veld: waarde}), typed as the catalogue says. */
    private static Map<String, JsonNode> fields(Rules in, String category, String lines, Map<String, String> errors) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        Catalogue.Category known = in.catalogue().category(category).orElse(null);
        if (known == null) {
            errors.put("categorie", "Kies een categorie.");
            return fields;
        }
        for (String line : lines.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? line.strip() : line.substring(0, colon).strip();
            Catalogue.Field field = known.fields().get(name);
            JsonNode value = field == null || colon < 0
                    ? null
                    : value(field.type(), line.substring(colon + 1).strip());
            if (value == null) {
                errors.put(
                        "gegevens",
                        "Schrijf per regel 'veld: waarde' met een veld van " + category + " ("
                                + String.join(", ", known.fields().keySet()) + ") en een waarde van zijn type.");
                return fields;
            }
            fields.put(name, value);
        }
        if (fields.isEmpty()) {
            errors.put("gegevens", "Geef ten minste één veld.");
        }
        return fields;
    }

    private static JsonNode value(FieldType type, String text) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        try {
            JsonNode value = switch (type) {
                case NUMBER -> json.numberNode(new java.math.BigDecimal(text.replace(',', '.')));
                case INTEGER -> json.numberNode(Long.parseLong(text));
                case BOOLEAN ->
                    text.equalsIgnoreCase("ja") || text.equalsIgnoreCase("true")
                            ? json.booleanNode(true)
                            : text.equalsIgnoreCase("nee") || text.equalsIgnoreCase("false")
                                    ? json.booleanNode(false)
                                    : null;
                case LIST -> {
                    var list = json.arrayNode();
                    for (String item : text.split(",")) {
                        list.add(item.strip());
                    }
                    yield list;
                }
                case OBJECT -> JSON.readTree(text);
                default -> json.textNode(text);
            };
            return value != null && type.accepts(value) ? value : null;
        } catch (RuntimeException | java.io.IOException e) {
            return null;
        }
    }

    private static void person(
            String bsn,
            DataRequest.Role role,
            String field,
            List<DataRequest.Subject> people,
            Map<String, String> errors,
            boolean required) {
        String value = bsn == null ? "" : bsn.strip();
        if (value.isEmpty() && !required) {
            return;
        }
        if (!Bsn.isValid(value)) {
            errors.put(field, "Geef een BSN van 9 cijfers dat de elfproef doorstaat.");
            return;
        }
        people.add(new DataRequest.Subject(value, role));
    }

    private static <E extends Enum<E>> Set<E> enums(Class<E> type, List<String> names) {
        Set<E> values = EnumSet.noneOf(type);
        if (names != null) {
            names.forEach(n -> values.add(Enum.valueOf(type, n)));
        }
        return values;
    }

    private static int index(String text, int size) {
        try {
            int i = Integer.parseInt(text == null ? "" : text);
            return i >= 0 && i < size ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> violations(PolicyRefusedException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Violation v : e.violations()) {
            errors.merge(v.path(), v.detail(), (a, b) -> a + " " + b);
        }
        return errors;
    }

    /** Every field of the form is plain text of at most 2000 characters, as the API requires. */
    private static Map<String, String> plain(Map<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        form.forEach((field, value) -> {
            if (!AnswerCheck.plainText(value)) {
                errors.put(field, "Gebruik gewone tekst van ten hoogste " + AnswerCheck.MAX_TEXT + " tekens.");
            }
        });
        return errors;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String text(String text) {
        return blank(text) ? null : text.strip();
    }

    private static String tx(HttpServletRequest http) {
        return ApiHeadersFilter.transactionId(http).toString();
    }

    private static <T> T done(Cases.Result<T> result) {
        if (result instanceof Cases.Result.Done<T> done) {
            return done.value();
        }
        if (result instanceof Cases.Result.Conflict<T>) {
            throw new WebPages.Final();
        }
        throw new WebPages.NotFound();
    }
}
