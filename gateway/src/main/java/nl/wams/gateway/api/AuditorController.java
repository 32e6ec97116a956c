package nl.wams.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import nl.wams.gateway.audit.AccessRequests;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditQuery;
import nl.wams.gateway.audit.AuditRecord;
import nl.wams.gateway.audit.AuditStore;
import nl.wams.gateway.audit.AuditVerifier;
import nl.wams.gateway.audit.SubjectReport;
import nl.wams.gateway.audit.SubjectReportHtml;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.policy.Bsn;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For auditors and privacy officers: the processing log ({@code /verwerkingen}) and the subject
 * access report ({@code /inzageverzoeken}, AVG art. 15; the BSN travels in the body).
 */
@RestController
class AuditorController {

    static final int MAX_PAGE_SIZE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditStore store;
    private final RequestReader reader;
    private final AccessRequests access;
    private final LoadedConfig config;
    private final AuditVerifier verifier;

    AuditorController(
            AuditStore store,
            AccessRequests access,
            LoadedConfig config,
            RequestReader reader,
            AuditVerifier verifier) {
        this.store = store;
        this.reader = reader;
        this.access = access;
        this.config = config;
        this.verifier = verifier;
    }

    /** What {@code audit verify} reports, for a running gateway whose embedded database a command cannot open. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verificatie(
            boolean intact, int ketens, long records, int checkpoints, int bevindingen, String eersteBevinding) {
        static Verificatie of(AuditVerifier.Report report) {
            return new Verificatie(
                    report.intact(),
                    report.nodes(),
                    report.records(),
                    report.checkpoints(),
                    report.findings().size(),
                    report.first().map(Object::toString).orElse(null));
        }
    }

    /** {@code GET /api/v1/verwerkingen/verificatie}: every chain and checkpoint checked, as {@code audit verify} does. */
    @GetMapping(path = "/api/v1/verwerkingen/verificatie", produces = MediaType.APPLICATION_JSON_VALUE)
    Verificatie verify() throws SQLException {
        return Verificatie.of(verifier.verify());
    }

    @GetMapping(path = "/api/v1/verwerkingen", produces = MediaType.APPLICATION_JSON_VALUE)
    VerwerkingenPagina verwerkingen(
            @RequestParam(name = "zaakkenmerk", required = false) String caseRef,
            @RequestParam(name = "partij", required = false) String party,
            @RequestParam(name = "doel", required = false) String purpose,
            @RequestParam(name = "uitkomst", required = false) String outcome,
            @RequestParam(name = "van", required = false) String from,
            @RequestParam(name = "tot", required = false) String to,
            @RequestParam(name = "pagina", required = false, defaultValue = "1") String page,
            @RequestParam(name = "paginaGrootte", required = false, defaultValue = "50") String pageSize)
            throws SQLException {
        AuditQuery query = new AuditQuery(
                caseRef,
                party,
                purpose,
                outcome,
                instant("van", from),
                instant("tot", to),
                number("pagina", page, 1, 1_000_000),
                number("paginaGrootte", pageSize, 1, MAX_PAGE_SIZE));
        AuditStore.Page result = store.query(query);
        return new VerwerkingenPagina(
                result.records().stream().map(Verwerking::of).toList(), query.page(), query.pageSize(), result.total());
    }

    @PostMapping(
            path = "/api/v1/inzageverzoeken",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Inzage inzage(@RequestBody byte[] body, @AuthenticationPrincipal Jwt caller, HttpServletRequest request)
            throws SQLException {
        String bsn = bsn(body);
        String transactionId = ApiHeadersFilter.transactionId(request).toString();
        List<SubjectReport.Processing> processings = access.report(bsn, transactionId, caller.getSubject());
        return new Inzage(
                SubjectReportHtml.mask(bsn),
                config.gateway().identity().name(),
                processings.stream().map(InzageVerwerking::of).toList());
    }

    private String bsn(byte[] body) {
        String bsn = reader.read(body, InzageverzoekBody.class).bsn();
        if (!Bsn.isValid(bsn)) {
            throw new InvalidRequestException(
                    "Het BSN voldoet niet aan de elfproef.",
                    List.of(new InvalidRequestException.InvalidParam("bsn", "voldoet niet aan de elfproef")));
        }
        return bsn;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(
                    name + " is geen tijdstip (ISO-8601, bijvoorbeeld 2026-11-28T00:00:00Z).",
                    List.of(new InvalidRequestException.InvalidParam(name, "ISO-8601 tijdstip")));
        }
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException(
                name + " moet een getal van " + min + " tot en met " + max + " zijn.",
                List.of(new InvalidRequestException.InvalidParam(name, min + ".." + max)));
    }

    /** One page of processing records. */
    record VerwerkingenPagina(List<Verwerking> verwerkingen, int pagina, int paginaGrootte, long totaal) {}

    /** One audit record as the auditor sees it (subjects as pseudonyms). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verwerking(
            String id,
            String transactieId,
            String tijdstip,
            String gebeurtenis,
            String node,
            long volgnummer,
            String aanvragerOin,
            String gebruiker,
            String partij,
            String partijOin,
            String doel,
            String grondslag,
            String fase,
            String zaakkenmerk,
            List<String> personen,
            List<String> categorieenGevraagd,
            List<String> categorieenVerstrekt,
            List<String> verwijderdeVelden,
            String uitkomst,
            String grond,
            String motivering) {

        static Verwerking of(AuditRecord r) {
            AuditEntry e = r.entry();
            return new Verwerking(
                    r.recordId(),
                    e.transactionId(),
                    r.occurredAt(),
                    e.event().name(),
                    r.nodeId(),
                    r.seq(),
                    e.requesterOin(),
                    e.userRef(),
                    e.partyId(),
                    e.partyOin(),
                    e.purpose(),
                    e.legalBasis(),
                    e.phase(),
                    e.caseRef(),
                    e.subjects(),
                    e.categoriesAsked(),
                    e.categoriesReleased(),
                    e.fieldsRemoved(),
                    e.outcome(),
                    e.ground(),
                    e.motivation());
        }
    }

    /** The access report. */
    record Inzage(String persoon, String verwerkingsverantwoordelijke, List<InzageVerwerking> verwerkingen) {}

    /** One processing in the access report, in the API's words. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InzageVerwerking(
            String tijdstip,
            String transactieId,
            String aanvragerOin,
            String aanvrager,
            String doel,
            String grondslag,
            String grondslagTekst,
            String fase,
            String uitkomst,
            String grond,
            List<InzagePartij> partijen) {
        static InzageVerwerking of(SubjectReport.Processing p) {
            return new InzageVerwerking(
                    p.time(),
                    p.transactionId(),
                    p.requesterOin(),
                    p.requesterName(),
                    p.purpose(),
                    p.legalBasis(),
                    p.legalBasisText(),
                    p.phase(),
                    p.outcome(),
                    p.ground(),
                    p.parties().stream().map(InzagePartij::of).toList());
        }
    }

    /** What one party was asked and did. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InzagePartij(
            String partij,
            String naam,
            List<String> categorieenGevraagd,
            List<String> categorieenVerstrekt,
            String uitkomst,
            String grond,
            String motivering) {
        static InzagePartij of(SubjectReport.PartyProcessing p) {
            return new InzagePartij(
                    p.party(),
                    p.partyName(),
                    p.categoriesAsked(),
                    p.categoriesReleased(),
                    p.outcome(),
                    p.ground(),
                    p.motivation());
        }
    }
}
