package nl.wams.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.wams.gateway.coordination.Case;
import nl.wams.gateway.coordination.Cases;
import nl.wams.gateway.coordination.ClientLetter;
import nl.wams.gateway.coordination.CoordinatedApproach;
import nl.wams.gateway.coordination.Part;
import nl.wams.gateway.storage.StoredTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The college's cases (role {@code coordinator}): the case, its coördinatiedossier, case meetings,
 * data provided to parties, and the client letter. Every read and change is logged by the services
 * under the caller's {@code sub}.
 */
@RestController
class ZakenController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cases cases;
    private final ObjectProvider<CoordinatedApproach> approach;
    private final ClientLetter letter;
    private final RequestReader reader;

    ZakenController(
            Cases cases, ObjectProvider<CoordinatedApproach> approach, ClientLetter letter, RequestReader reader) {
        this.cases = cases;
        this.approach = approach;
        this.letter = letter;
        this.reader = reader;
    }

    @PostMapping(
            path = "/api/v1/zaken",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Zaak> create(@RequestBody byte[] body, @AuthenticationPrincipal Jwt caller, HttpServletRequest http)
            throws SQLException {
        ZaakBody zaak = reader.read(body, ZaakBody.class);
        if (zaak.zaakkenmerk() == null) {
            throw ZaakBody.invalid("zaakkenmerk", "verplicht");
        }
        Cases.CaseView view = done(cases.create(zaak.zaakkenmerk(), zaak.toDetails(), caller.getSubject(), tx(http)));
        return ResponseEntity.created(URI.create("/api/v1/zaken/" + zaak.zaakkenmerk()))
                .body(Zaak.of(view));
    }

    @GetMapping(path = "/api/v1/zaken", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, List<ZaakSamenvatting>> list() throws SQLException {
        return Map.of(
                "zaken", cases.list(200).stream().map(ZaakSamenvatting::of).toList());
    }

    @GetMapping(path = "/api/v1/zaken/{kenmerk}", produces = MediaType.APPLICATION_JSON_VALUE)
    Zaak get(@PathVariable("kenmerk") String kenmerk, @AuthenticationPrincipal Jwt caller, HttpServletRequest http)
            throws SQLException {
        return Zaak.of(done(cases.read(kenmerk, caller.getSubject(), tx(http))));
    }

    @PutMapping(
            path = "/api/v1/zaken/{kenmerk}",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Zaak change(
            @PathVariable("kenmerk") String kenmerk,
            @RequestBody byte[] body,
            @AuthenticationPrincipal Jwt caller,
            HttpServletRequest http)
            throws SQLException {
        ZaakBody zaak = reader.read(body, ZaakBody.class);
        if (zaak.zaakkenmerk() != null && !zaak.zaakkenmerk().equals(kenmerk)) {
            throw ZaakBody.invalid("zaakkenmerk", "gelijk aan het kenmerk in het pad, of weglaten");
        }
        return Zaak.of(done(cases.change(kenmerk, zaak.toDetails(), caller.getSubject(), tx(http))));
    }

    @PostMapping(path = "/api/v1/zaken/{kenmerk}/sluiting", produces = MediaType.APPLICATION_JSON_VALUE)
    Zaak close(@PathVariable("kenmerk") String kenmerk, @AuthenticationPrincipal Jwt caller, HttpServletRequest http)
            throws SQLException {
        return Zaak.of(done(cases.close(kenmerk, caller.getSubject(), tx(http))));
    }

    @PostMapping(
            path = "/api/v1/zaken/{kenmerk}/dossier",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Onderdeel> addToDossier(
            @PathVariable("kenmerk") String kenmerk,
            @RequestBody byte[] body,
            @AuthenticationPrincipal Jwt caller,
            HttpServletRequest http)
            throws SQLException {
        DossierBody entry = reader.read(body, DossierBody.class);
        Part part = done(cases.addToDossier(kenmerk, entry.kind(), entry.content(), caller.getSubject(), tx(http)));
        return ResponseEntity.status(201).body(Onderdeel.of(part));
    }

    @PostMapping(
            path = "/api/v1/zaken/{kenmerk}/dossier/{id}/status",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Onderdeel agreementStatus(
            @PathVariable("kenmerk") String kenmerk,
            @PathVariable("id") String id,
            @RequestBody byte[] body,
            @AuthenticationPrincipal Jwt caller,
            HttpServletRequest http)
            throws SQLException {
        AfspraakStatusBody status = reader.read(body, AfspraakStatusBody.class);
        return Onderdeel.of(done(cases.agreementStatus(kenmerk, id, status.status(), caller.getSubject(), tx(http))));
    }

    @PostMapping(
            path = "/api/v1/zaken/{kenmerk}/overleggen",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Onderdeel> convene(
            @PathVariable("kenmerk") String kenmerk,
            @RequestBody byte[] body,
            @AuthenticationPrincipal Jwt caller,
            HttpServletRequest http)
            throws SQLException {
        OverlegBody meeting = reader.read(body, OverlegBody.class);
        Part part = done(approach.getObject().convene(kenmerk, meeting.toMeeting(), caller.getSubject(), tx(http)));
        return ResponseEntity.status(201).body(Onderdeel.of(part));
    }

    @PostMapping(
            path = "/api/v1/zaken/{kenmerk}/verstrekkingen",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Onderdeel> provide(
            @PathVariable("kenmerk") String kenmerk,
            @RequestBody byte[] body,
            @AuthenticationPrincipal Jwt caller,
            HttpServletRequest http)
            throws SQLException {
        VerstrekkingBody provision = reader.read(body, VerstrekkingBody.class);
        Part part = done(approach.getObject()
                .provide(
                        kenmerk,
                        provision.partij(),
                        provision.reason(),
                        provision.people(),
                        caller.getSubject(),
                        tx(http)));
        return ResponseEntity.status(201).body(Onderdeel.of(part));
    }

    /** A provision with its status, as the receiving gateway reports it now. */
    @GetMapping(path = "/api/v1/zaken/{kenmerk}/verstrekkingen/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Onderdeel provision(@PathVariable("kenmerk") String kenmerk, @PathVariable("id") String id) throws SQLException {
        return Onderdeel.of(done(approach.getObject().refresh(kenmerk, id)));
    }

    /** The client letter as PDF. */
    @GetMapping(path = "/api/v1/zaken/{kenmerk}/brief", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> clientLetterPdf(
            @PathVariable("kenmerk") String kenmerk, @AuthenticationPrincipal Jwt caller, HttpServletRequest http)
            throws SQLException {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"brief-" + kenmerk + ".pdf\"")
                .body(letter.pdf(zaak(kenmerk), caller.getSubject(), tx(http)));
    }

    /** The client letter as HTML (the same letter, for a browser or a mail). */
    @GetMapping(path = "/api/v1/zaken/{kenmerk}/brief", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> clientLetterHtml(
            @PathVariable("kenmerk") String kenmerk, @AuthenticationPrincipal Jwt caller, HttpServletRequest http)
            throws SQLException {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(letter.html(zaak(kenmerk), caller.getSubject(), tx(http)));
    }

    private Case zaak(String kenmerk) throws SQLException {
        return cases.store().get(kenmerk).orElseThrow(() -> new ResourceNotFoundException("Zaak niet gevonden."));
    }

    private static String tx(HttpServletRequest http) {
        return ApiHeadersFilter.transactionId(http).toString();
    }

    private static <T> T done(Cases.Result<T> result) {
        if (result instanceof Cases.Result.Done<T> done) {
            return done.value();
        }
        if (result instanceof Cases.Result.Conflict<T> conflict) {
            throw switch (conflict.why()) {
                case EXISTS ->
                    new ConflictException("zaak-bestaat", "Zaak bestaat al", "Er is al een zaak met dit kenmerk.");
                case CLOSED ->
                    new ConflictException(
                            "zaak-gesloten", "Zaak gesloten", "Een gesloten zaak kan niet meer veranderen.");
            };
        }
        throw new ResourceNotFoundException("Zaak of onderdeel niet gevonden.");
    }

    /** A case in a list: no personal data beyond the reference. */
    record ZaakSamenvatting(String zaakkenmerk, String status, String aangemaakt, String gesloten) {
        static ZaakSamenvatting of(Case.Summary c) {
            return new ZaakSamenvatting(c.reference(), c.status().name(), time(c.createdAt()), time(c.closedAt()));
        }
    }

    /** A case with its dossier. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Zaak(
            String zaakkenmerk,
            String status,
            String aanleiding,
            List<ZaakBody.Persoon> personen,
            String afbakening,
            ZaakBody.Onderzoek onderzoek,
            List<String> wetten,
            List<String> aanpalendeDomeinen,
            ZaakBody.Coordinator coordinator,
            boolean coordinatorAfgezien,
            List<String> partijen,
            String aangemaakt,
            String gesloten,
            String verwijderdNa,
            List<Onderdeel> dossier) {

        static Zaak of(Cases.CaseView view) {
            Case c = view.zaak();
            Case.Details d = c.details();
            return new Zaak(
                    c.reference(),
                    c.status().name(),
                    d.trigger().name(),
                    d.people().stream()
                            .map(p -> new ZaakBody.Persoon(p.bsn(), p.role()))
                            .toList(),
                    d.scope(),
                    d.investigation() == null
                            ? null
                            : new ZaakBody.Onderzoek(
                                    d.investigation().outcome(),
                                    d.investigation().reason()),
                    d.laws().stream().map(Enum::name).sorted().toList(),
                    d.adjacentDomains().stream().map(Enum::name).sorted().toList(),
                    d.coordinator() == null
                            ? null
                            : new ZaakBody.Coordinator(
                                    d.coordinator().kind(),
                                    d.coordinator().organisation(),
                                    d.coordinator().name()),
                    d.coordinatorWaived(),
                    d.parties(),
                    time(c.createdAt()),
                    time(c.closedAt()),
                    time(c.deleteAfter()),
                    view.parts().stream().map(Onderdeel::of).toList());
        }

        @Override
        public String toString() {
            return "Zaak[zaakkenmerk=" + zaakkenmerk + "]";
        }
    }

    /** A part of the dossier: its kind, status and content as JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Onderdeel(String id, String soort, String bovenliggend, String status, String aangemaakt, JsonNode inhoud) {
        static Onderdeel of(Part p) {
            return new Onderdeel(
                    p.id(),
                    p.kind().name(),
                    p.parentId(),
                    p.status() == null ? null : p.status().name(),
                    time(p.createdAt()),
                    content(p.content()));
        }

        /** The part's content in the API's words (the domain records are not the wire format). */
        private static JsonNode content(Part.Content content) {
            ObjectNode node = JSON.createObjectNode();
            if (content instanceof Part.Agreement a) {
                node.put("wat", a.what()).put("wie", a.who()).put("uiterlijk", a.due());
            } else if (content instanceof Part.Note n) {
                node.put("tekst", n.text());
            } else if (content instanceof Part.Meeting m) {
                node.put("datum", m.date());
                m.participants().forEach(node.putArray("deelnemers")::add);
                node.put("clientUitgenodigd", m.clientInvited())
                        .put("vertegenwoordigersUitgenodigd", m.representativesInvited())
                        .put("zwaarwegendBelang", m.weightyInterest());
                m.categories().forEach(node.putArray("categorieen")::add);
            } else if (content instanceof Part.Contribution c) {
                node.put("partij", c.partyId()).put("partijOin", c.partyOin()).put("reden", c.reason());
                ArrayNode people = node.putArray("personen");
                c.people()
                        .forEach(p ->
                                people.addObject().put("bsn", p.bsn()).set("gegevens", JSON.valueToTree(p.data())));
                c.removed().forEach(node.putArray("verwijderdeVelden")::add);
            } else if (content instanceof Part.Message m) {
                node.put("partij", m.partyId()).set("bericht", m.provision().toJson());
            }
            return node;
        }

        @Override
        public String toString() {
            return "Onderdeel[id=" + id + ", soort=" + soort + "]";
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : StoredTime.format(instant);
    }
}
