package nl.wams.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wams.gateway.api.ApiHeadersFilter;
import nl.wams.gateway.meldpunt.Intake;
import nl.wams.gateway.meldpunt.IntakeRules;
import nl.wams.gateway.meldpunt.Meldpunt;
import nl.wams.gateway.meldpunt.Result;
import nl.wams.gateway.meldpunt.Routing;
import nl.wams.gateway.meldpunt.Signal;
import nl.wams.gateway.meldpunt.Submission;
import nl.wams.gateway.meldpunt.Triage;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reporting point in the web interface: the public form and status lookup (no account, no
 * JavaScript needed, a honeypot against robots), the same form for professionals after logging in
 * (role {@code melder}), and the staff's worklist and signal page (role {@code meldpunt}). Every
 * rule and record is the reporting point's own ({@link Meldpunt}); the pages only show and ask.
 */
@Controller
class MeldpuntPages {

    private final Meldpunt meldpunt;
    private final Clock clock;

    MeldpuntPages(Meldpunt meldpunt, Clock clock) {
        this.meldpunt = meldpunt;
        this.clock = clock;
    }

    @GetMapping("/meldpunt")
    String form(Model model) {
        return form(model, SignalForm.empty(), Map.of(), false);
    }

    @GetMapping("/meldpunt/beroepsmelding")
    String professionalForm(Model model) {
        return form(model, SignalForm.empty(), Map.of(), true);
    }

    @PostMapping("/meldpunt")
    String submit(
            @RequestParam Map<String, String> submitted,
            HttpServletRequest http,
            HttpServletResponse response,
            Model model)
            throws SQLException {
        enabled();
        if (!submitted.getOrDefault(SignalForm.HONEYPOT, "").isEmpty()) {
            // Robots fill in the hidden field: they get the page people get, and nothing is kept.
            meldpunt.intake().honeypot();
            model.addAttribute("meldpunt", meldpunt.name());
            model.addAttribute("referentie", null);
            return "web/meldpunt-ontvangen";
        }
        return intake(SignalForm.of(submitted), Signal.Channel.BURGER, null, http, response, model);
    }

    @PostMapping("/meldpunt/beroepsmelding")
    String submitProfessional(
            @RequestParam Map<String, String> submitted,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            HttpServletResponse response,
            Model model)
            throws SQLException {
        enabled();
        return intake(SignalForm.of(submitted), Signal.Channel.PROFESSIONAL, user.getSubject(), http, response, model);
    }

    private String intake(
            SignalForm form,
            Signal.Channel channel,
            String user,
            HttpServletRequest http,
            HttpServletResponse response,
            Model model)
            throws SQLException {
        boolean professional = channel == Signal.Channel.PROFESSIONAL;
        Optional<Submission> submission = form.submission();
        if (submission.isEmpty()) {
            return form(model, form, Map.of("sinds", "Sinds wanneer: een datum, zoals 2026-09-01"), professional);
        }
        Intake.Outcome outcome = meldpunt.intake()
                .submit(
                        submission.get(),
                        channel,
                        user,
                        http.getRemoteAddr(),
                        ApiHeadersFilter.transactionId(http).toString());
        model.addAttribute("meldpunt", meldpunt.name());
        if (outcome instanceof Intake.Outcome.Accepted accepted) {
            model.addAttribute("referentie", accepted.reference());
            return "web/meldpunt-ontvangen";
        }
        if (outcome instanceof Intake.Outcome.Acute acute) {
            model.addAttribute("advies", acute.advice());
            return "web/meldpunt-acuut";
        }
        if (outcome instanceof Intake.Outcome.Invalid invalid) {
            return form(model, form, SignalForm.errors(invalid.violations()), professional);
        }
        Intake.Outcome.Busy busy = (Intake.Outcome.Busy) outcome;
        response.setStatus(429);
        response.setHeader(
                "Retry-After", Long.toString(Math.max(1, busy.retryAfter().toSeconds())));
        return WebPages.message(
                model,
                "Even niet",
                switch (busy.why()) {
                    case RATE_LIMIT -> "Er zijn vanaf dit adres te veel meldingen gedaan. Probeer het later opnieuw.";
                    case QUEUE_FULL ->
                        "Het meldpunt kan nu geen meldingen meer aannemen. Probeer het later opnieuw."
                                + " Is het acuut? Bel 112.";
                    case BUSY -> "Het meldpunt is even bezet. Probeer het over enkele seconden opnieuw.";
                });
    }

    private String form(Model model, SignalForm form, Map<String, String> errors, boolean professional) {
        enabled();
        model.addAttribute("meldpunt", meldpunt.name());
        model.addAttribute("form", form);
        model.addAttribute("fouten", errors);
        model.addAttribute("professional", professional);
        model.addAttribute("maxZorgen", IntakeRules.MAX_CONCERN);
        model.addAttribute(
                "meldpuntVerplicht",
                meldpunt.required().stream()
                        .map(f -> f.name().toLowerCase(java.util.Locale.ROOT))
                        .toList());
        return "web/meldpunt-formulier";
    }

    @GetMapping("/meldpunt/status")
    String status(
            @RequestParam(name = "referentie", required = false) String reference,
            HttpServletRequest http,
            HttpServletResponse response,
            Model model)
            throws SQLException {
        enabled();
        model.addAttribute("meldpunt", meldpunt.name());
        model.addAttribute("referentie", reference == null ? "" : reference.strip());
        if (reference == null || reference.isBlank()) {
            return "web/meldpunt-status";
        }
        Intake.Lookup lookup =
                meldpunt.intake().status(reference.strip().toUpperCase(java.util.Locale.ROOT), http.getRemoteAddr());
        if (lookup instanceof Intake.Lookup.Found found) {
            model.addAttribute("status", found.status().text());
        } else if (lookup instanceof Intake.Lookup.Busy busy) {
            response.setStatus(429);
            response.setHeader(
                    "Retry-After", Long.toString(Math.max(1, busy.retryAfter().toSeconds())));
            model.addAttribute("fout", "Te veel opvragingen vanaf dit adres. Probeer het later opnieuw.");
        } else {
            response.setStatus(404);
            model.addAttribute(
                    "fout", "Er is geen melding met deze referentie (of zij is na de bewaartermijn verwijderd).");
        }
        return "web/meldpunt-status";
    }

    @GetMapping("/meldpunt/werkvoorraad")
    String worklist(Model model) throws SQLException {
        enabled();
        model.addAttribute("meldingen", meldpunt.triage().worklist(500));
        model.addAttribute("nu", clock.instant());
        return "web/meldpunt-werkvoorraad";
    }

    @GetMapping("/meldpunt/werkvoorraad/{referentie}")
    String signal(
            @PathVariable("referentie") String reference,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        return page(reference, user, http, Map.of(), model);
    }

    private String page(
            String reference, OidcUser user, HttpServletRequest http, Map<String, String> errors, Model model)
            throws SQLException {
        enabled();
        Triage.SignalView view = done(meldpunt.triage().read(reference, user.getSubject(), tx(http)));
        model.addAttribute("v", view);
        model.addAttribute("s", view.signal());
        model.addAttribute("loketten", meldpunt.routings().desks().all());
        model.addAttribute("urgenties", Signal.Urgency.values());
        model.addAttribute("levensdomeinen", Signal.LifeDomain.values());
        model.addAttribute("redenen", Signal.CloseReason.values());
        model.addAttribute("fouten", errors);
        model.addAttribute("nu", clock.instant());
        return "web/meldpunt-signaal";
    }

    @PostMapping("/meldpunt/werkvoorraad/{referentie}/beoordeling")
    String assess(
            @PathVariable("referentie") String reference,
            @RequestParam(name = "urgentie", required = false) String urgency,
            @RequestParam(name = "levensdomeinen", required = false) List<String> domains,
            @RequestParam(name = "meerInformatieNodig", required = false) String moreNeeded,
            @RequestParam(name = "toelichting", required = false) String note,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        enabled();
        Optional<Signal.Urgency> chosen = parse(Signal.Urgency.class, urgency);
        List<Signal.LifeDomain> chosenDomains = domains == null
                ? List.of()
                : domains.stream()
                        .map(d -> parse(Signal.LifeDomain.class, d))
                        .flatMap(Optional::stream)
                        .distinct()
                        .toList();
        if (chosen.isEmpty()) {
            return page(reference, user, http, Map.of("urgentie", "Kies de urgentie."), model);
        }
        if (chosenDomains.isEmpty()) {
            return page(reference, user, http, Map.of("levensdomeinen", "Kies ten minste één levensdomein."), model);
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        if (!note(text)) {
            return page(
                    reference, user, http, Map.of("toelichting", "Gewone tekst van ten hoogste 2000 tekens."), model);
        }
        done(meldpunt.triage()
                .assess(
                        reference,
                        new Triage.AssessmentInput(chosen.get(), chosenDomains, "ja".equals(moreNeeded), text),
                        user.getSubject(),
                        tx(http)));
        return "redirect:/meldpunt/werkvoorraad/" + reference;
    }

    @PostMapping("/meldpunt/werkvoorraad/{referentie}/koppeling")
    String link(
            @PathVariable("referentie") String reference,
            @RequestParam(name = "melding", required = false) String other,
            @RequestParam(name = "zaak", required = false) String caseReference,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        enabled();
        String otherRef =
                other == null || other.isBlank() ? null : other.strip().toUpperCase(java.util.Locale.ROOT);
        String caseRef = caseReference == null || caseReference.isBlank() ? null : caseReference.strip();
        if ((otherRef == null) == (caseRef == null)) {
            return page(
                    reference,
                    user,
                    http,
                    Map.of("koppeling", "Vul een andere melding of een zaak in, niet beide."),
                    model);
        }
        Result<Signal> result = meldpunt.triage().link(reference, caseRef, otherRef, user.getSubject(), tx(http));
        if (result instanceof Result.Conflict<Signal> conflict) {
            return page(reference, user, http, Map.of("koppeling", why(conflict.why())), model);
        }
        done(result);
        return "redirect:/meldpunt/werkvoorraad/" + reference;
    }

    @PostMapping("/meldpunt/werkvoorraad/{referentie}/doorgeleiding")
    String route(
            @PathVariable("referentie") String reference,
            @RequestParam(name = "loket", required = false) String desk,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        enabled();
        if (desk == null || desk.isBlank()) {
            return page(reference, user, http, Map.of("loket", "Kies een loket."), model);
        }
        Result<Routing> result = meldpunt.routings().route(reference, desk, user.getSubject(), tx(http));
        if (result instanceof Result.Conflict<Routing> conflict) {
            return page(reference, user, http, Map.of("loket", why(conflict.why())), model);
        }
        done(result);
        return "redirect:/meldpunt/werkvoorraad/" + reference;
    }

    @PostMapping("/meldpunt/werkvoorraad/{referentie}/sluiting")
    String close(
            @PathVariable("referentie") String reference,
            @RequestParam(name = "reden", required = false) String reason,
            @RequestParam(name = "toelichting", required = false) String note,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        enabled();
        Optional<Signal.CloseReason> chosen = parse(Signal.CloseReason.class, reason);
        if (chosen.isEmpty()) {
            return page(reference, user, http, Map.of("reden", "Kies de reden."), model);
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        if (!note(text)) {
            return page(
                    reference,
                    user,
                    http,
                    Map.of("sluitToelichting", "Gewone tekst van ten hoogste 2000 tekens."),
                    model);
        }
        Result<Signal> result = meldpunt.triage().close(reference, chosen.get(), text, user.getSubject(), tx(http));
        if (result instanceof Result.Conflict<Signal> conflict && conflict.why() == Result.Why.NOTE_REQUIRED) {
            return page(reference, user, http, Map.of("sluitToelichting", why(conflict.why())), model);
        }
        done(result);
        return "redirect:/meldpunt/werkvoorraad";
    }

    /** A staff note: absent, or plain text of at most 2000 characters. */
    private static boolean note(String text) {
        return text == null || (text.length() <= 2000 && IntakeRules.plain(text));
    }

    private void enabled() {
        if (!meldpunt.enabled()) {
            throw new WebPages.NotFound();
        }
    }

    private static <T> T done(Result<T> result) {
        if (result instanceof Result.Done<T> done) {
            return done.value();
        }
        if (result instanceof Result.NotFound<T>) {
            throw new WebPages.NotFound();
        }
        throw new WebPages.Final();
    }

    private static String why(Result.Why why) {
        return switch (why) {
            case CLOSED -> "De melding is gesloten.";
            case NOT_ASSESSED -> "Beoordeel de melding eerst.";
            case UNKNOWN_DESK -> "Dit loket kent het meldpunt niet.";
            case UNKNOWN_CASE -> "Er is geen zaak met dit kenmerk.";
            case UNKNOWN_SIGNAL -> "Er is geen andere melding met deze referentie.";
            case DIFFERENT_PERSON -> "De meldingen gaan over verschillende personen (ander BSN).";
            case NOTE_REQUIRED -> "Licht de reden toe.";
            case CHANGED -> "Iemand anders wijzigde de melding intussen; bekijk haar opnieuw.";
        };
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equals(name))
                .findFirst();
    }

    private static String tx(HttpServletRequest http) {
        return ApiHeadersFilter.transactionId(http).toString();
    }
}
