package nl.wams.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wams.gateway.api.ApiHeadersFilter;
import nl.wams.gateway.audit.AccessRequests;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditQuery;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.audit.AuditVerifier;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.audit.SubjectReport;
import nl.wams.gateway.audit.SubjectReportHtml;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.policy.Bsn;
import nl.wams.gateway.storage.StoredTime;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The privacy officer's screens (role {@code auditor}): search the processing log (a person by
 * BSN typed into a POST form and matched by pseudonym, never in a URL), the state of the hash
 * chains, and the access report for a person (AVG art. 15) as a page and as a download; each
 * access report is recorded as the officer's.
 */
@Controller
class PrivacyOfficerController {

    static final int PAGE_SIZE = 50;
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private final AuditStore store;
    private final AccessRequests access;
    private final Pseudonyms pseudonyms;
    private final LoadedConfig config;
    private final AuditVerifier verifier;
    private final Clock clock;

    PrivacyOfficerController(
            AuditStore store,
            AccessRequests access,
            Pseudonyms pseudonyms,
            LoadedConfig config,
            AuditVerifier verifier,
            Clock clock) {
        this.store = store;
        this.access = access;
        this.pseudonyms = pseudonyms;
        this.config = config;
        this.verifier = verifier;
        this.clock = clock;
    }

    /** The search form and, with filters, the matching records (newest first). A BSN is never read from a URL. */
    @GetMapping("/verwerkingen")
    String search(@ModelAttribute("zoeken") LogSearch search, Model model) throws SQLException {
        return results(search, null, new LinkedHashMap<>(), model);
    }

    /** The same search for one person: the BSN comes in the body and is matched by pseudonym. */
    @PostMapping("/verwerkingen")
    String searchPerson(
            @ModelAttribute("zoeken") LogSearch search,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        Map<String, String> errors = new LinkedHashMap<>();
        String bsn = search.bsn() == null ? "" : search.bsn().strip();
        if (!bsn.isEmpty() && !Bsn.isValid(bsn)) {
            errors.put("bsn", "Dit BSN klopt niet (negen cijfers en de elfproef).");
            return results(search, null, errors, model);
        }
        String subject = bsn.isEmpty() ? search.pseudonym().orElse(null) : pseudonyms.of(bsn);
        model.addAttribute("persoonGezocht", subject != null);
        // The next page is asked by POST with the pseudonym: a BSN never goes into a URL or a page.
        model.addAttribute("persoon", subject);
        String view = results(search, subject, errors, model);
        if (subject != null && model.getAttribute("totaal") instanceof Long found) {
            // Looking a person up in the log is itself recorded, before anything is shown.
            access.searched(subject, ApiHeadersFilter.transactionId(http).toString(), user.getSubject(), found);
        }
        return view;
    }

    private String results(LogSearch search, String subject, Map<String, String> errors, Model model)
            throws SQLException {
        Instant van = day(search.van(), "van", errors, 0);
        Instant tot = day(search.tot(), "tot", errors, 1);
        AuditEvent kind = null;
        String event = search.gebeurtenis();
        if (event != null && !event.isBlank()) {
            try {
                kind = AuditEvent.valueOf(event);
            } catch (IllegalArgumentException e) {
                errors.put("gebeurtenis", "Kies een gebeurtenis uit de lijst.");
            }
        }
        model.addAttribute("van", search.van());
        model.addAttribute("tot", search.tot());
        model.addAttribute("zaakkenmerk", search.zaakkenmerk());
        model.addAttribute("partij", search.partij());
        model.addAttribute("gebeurtenis", event);
        model.addAttribute("gebeurtenissen", AuditEvent.values());
        model.addAttribute("partijen", config.gateway().parties());
        model.addAttribute("fouten", errors);
        if (errors.isEmpty()) {
            int pageNumber = search.page();
            AuditStore.Page found = store.query(new AuditQuery(
                    blankToNull(search.zaakkenmerk()),
                    blankToNull(search.partij()),
                    null,
                    null,
                    van,
                    tot,
                    kind,
                    subject,
                    pageNumber,
                    PAGE_SIZE));
            model.addAttribute("records", found.records());
            model.addAttribute("totaal", found.total());
            model.addAttribute("pagina", pageNumber);
            model.addAttribute("paginas", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        }
        return "web/verwerkingen";
    }

    /** The hash chains: verified now, and each node's last checkpoint. */
    @GetMapping("/verwerkingen/keten")
    String chain(Model model) throws SQLException {
        model.addAttribute("verificatie", verifier.verify());
        List<AuditStore.StoredCheckpoint> last = new ArrayList<>();
        for (String node : store.nodes()) {
            store.lastCheckpoint(node).ifPresent(last::add);
        }
        model.addAttribute("checkpoints", last);
        return "web/keten";
    }

    @GetMapping("/inzage")
    String accessForm() {
        return "web/inzage";
    }

    /** The access report for one person, recorded as the officer's request before it is shown. */
    @PostMapping("/inzage")
    String accessReport(
            @RequestParam(name = "bsn", required = false) String bsn,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http,
            Model model)
            throws SQLException {
        Optional<String> valid = valid(bsn);
        if (valid.isEmpty()) {
            model.addAttribute("fouten", Map.of("bsn", "Vul een geldig BSN in (negen cijfers en de elfproef)."));
            return "web/inzage";
        }
        List<SubjectReport.Processing> processings =
                access.report(valid.get(), ApiHeadersFilter.transactionId(http).toString(), user.getSubject());
        model.addAttribute("bsn", valid.get());
        model.addAttribute("gemaskeerd", SubjectReportHtml.mask(valid.get()));
        model.addAttribute("verwerkingen", processings);
        return "web/inzage";
    }

    /** The same report as a file the person can be given (recorded as the officer's request too). */
    @PostMapping("/inzage/download")
    ResponseEntity<byte[]> accessReportDownload(
            @RequestParam(name = "bsn", required = false) String bsn,
            @AuthenticationPrincipal OidcUser user,
            HttpServletRequest http)
            throws SQLException {
        String checked = valid(bsn).orElseThrow(WebPages.NotFound::new);
        List<SubjectReport.Processing> processings =
                access.report(checked, ApiHeadersFilter.transactionId(http).toString(), user.getSubject());
        String html = SubjectReportHtml.render(
                config.gateway().identity().name(),
                SubjectReportHtml.mask(checked),
                StoredTime.format(clock.instant()),
                processings);
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("inzage-verwerkingen.html")
                                .build()
                                .toString())
                .body(html.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> valid(String bsn) {
        return bsn == null || !Bsn.isValid(bsn.strip()) ? Optional.empty() : Optional.of(bsn.strip());
    }

    /** The start of a day (or of the next day, for the end of a period) in Dutch time. */
    private static Instant day(String text, String field, Map<String, String> errors, int plusDays) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text).plusDays(plusDays).atStartOfDay(ZONE).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(field, "Vul een datum in als jjjj-mm-dd.");
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
