package nl.wams.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.wams.gateway.meldpunt.Desks;
import nl.wams.gateway.meldpunt.Intake;
import nl.wams.gateway.meldpunt.IntakeRules;
import nl.wams.gateway.meldpunt.Meldpunt;
import nl.wams.gateway.meldpunt.Result;
import nl.wams.gateway.meldpunt.Routing;
import nl.wams.gateway.meldpunt.Signal;
import nl.wams.gateway.meldpunt.Submission;
import nl.wams.gateway.meldpunt.Triage;
import nl.wams.gateway.storage.StoredTime;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reporting point's API (docs/meldpunt.md): citizens' intake and status lookup without an
 * account (rate-limited per address), professionals' intake (role {@code melder}), and the
 * staff's worklist, assessment, linking, routing and closing (role {@code meldpunt}). 404 on
 * every path when the gateway has no reporting point.
 */
@RestController
class MeldpuntController {

    private final Meldpunt meldpunt;
    private final RequestReader reader;
    private final Clock clock;

    MeldpuntController(Meldpunt meldpunt, RequestReader reader, Clock clock) {
        this.meldpunt = meldpunt;
        this.reader = reader;
        this.clock = clock;
    }

    @PostMapping(
            path = "/api/v1/meldpunt/meldingen",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> citizen(@RequestBody byte[] body, HttpServletRequest http) throws SQLException {
        enabled();
        MeldingBody melding = reader.read(body, MeldingBody.class);
        return intake(melding.toSubmission(), Signal.Channel.BURGER, null, http);
    }

    @PostMapping(
            path = "/api/v1/meldpunt/beroepsmeldingen",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> professional(
            @RequestBody byte[] body, @AuthenticationPrincipal Jwt caller, HttpServletRequest http)
            throws SQLException {
        enabled();
        MeldingBody melding = reader.read(body, MeldingBody.class);
        return intake(melding.toSubmission(), Signal.Channel.PROFESSIONAL, caller.getSubject(), http);
    }

    private ResponseEntity<Object> intake(
            Submission submission, Signal.Channel channel, String user, HttpServletRequest http) throws SQLException {
        Intake.Outcome outcome = meldpunt.intake().submit(submission, channel, user, http.getRemoteAddr(), tx(http));
        if (outcome instanceof Intake.Outcome.Accepted accepted) {
            return ResponseEntity.created(URI.create(statusPath(accepted.reference())))
                    .body(new Ontvangen(
                            accepted.reference(), accepted.status().text(), statusPath(accepted.reference())));
        }
        if (outcome instanceof Intake.Outcome.Acute acute) {
            return ResponseEntity.ok(new Acuut(true, acute.advice()));
        }
        if (outcome instanceof Intake.Outcome.Invalid invalid) {
            throw invalid(invalid.violations());
        }
        throw busy((Intake.Outcome.Busy) outcome);
    }

    @GetMapping(path = "/api/v1/meldpunt/meldingen/{referentie}/status", produces = MediaType.APPLICATION_JSON_VALUE)
    MeldingStatus status(@PathVariable("referentie") String referentie, HttpServletRequest http) throws SQLException {
        enabled();
        Intake.Lookup lookup = meldpunt.intake().status(referentie, http.getRemoteAddr());
        if (lookup instanceof Intake.Lookup.Found found) {
            return new MeldingStatus(found.reference(), found.status().text());
        }
        if (lookup instanceof Intake.Lookup.Busy busy) {
            throw new TooManyRequestsException(
                    "te-veel-verzoeken",
                    "Te veel verzoeken vanaf dit adres; probeer het later opnieuw.",
                    busy.retryAfter());
        }
        throw new ResourceNotFoundException("Geen melding met deze referentie.");
    }

    @GetMapping(path = "/api/v1/meldpunt/signalen", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, List<Werkvoorraad>> worklist() throws SQLException {
        enabled();
        Instant now = clock.instant();
        return Map.of(
                "meldingen",
                meldpunt.triage().worklist(500).stream()
                        .map(s -> Werkvoorraad.of(s, now))
                        .toList());
    }

    @GetMapping(path = "/api/v1/meldpunt/loketten", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, List<Loket>> desks() {
        enabled();
        return Map.of(
                "loketten",
                meldpunt.routings().desks().all().stream().map(Loket::of).toList());
    }

    @GetMapping(path = "/api/v1/meldpunt/signalen/{referentie}", produces = MediaType.APPLICATION_JSON_VALUE)
    MeldingDossier read(
            @PathVariable("referentie") String referentie, @AuthenticationPrincipal Jwt caller, HttpServletRequest http)
            throws SQLException {
        enabled();
        return MeldingDossier.of(
                done(meldpunt.triage().read(referentie, caller.getSubject(), tx(http))), clock.instant());
    }

    @PostMapping(
            path = "/api/v1/meldpunt/signalen/{referentie}/beoordeling",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    MeldingDossier assess(
            @PathVariable("referentie") String referentie,
            @RequestBody byte[] body,
            @AuthenticationPrincipal Jwt caller,
            HttpServletRequest http)
            throws SQLException {
        enabled();
        BeoordelingBody beoordeling = reader.read(body, BeoordelingBody.class);
        done(meldpunt.triage().assess(referentie, beoordeling.toInput(), caller.getSubject(), tx(http)));
        return reread(referentie, caller, http);
    }

    @PostMapping(
            path = "/api/v1/meldpunt/signalen/{referentie}/koppeling",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    MeldingDossier link(
            @PathVariable("referentie") String referentie,
            @RequestBody byte[] body,
            @AuthenticationPrincipal Jwt caller,
            HttpServletRequest http)
            throws SQLException {
        enabled();
        KoppelingBody koppeling = reader.read(body, KoppelingBody.class);
        koppeling.check();
        done(meldpunt.triage().link(referentie, koppeling.zaak(), koppeling.melding(), caller.getSubject(), tx(http)));
        return reread(referentie, caller, http);
    }

    @PostMapping(
            path = "/api/v1/meldpunt/signalen/{referentie}/doorgeleidingen",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Doorgeleiding> route(
            @PathVariable("referentie") String referentie,
            @RequestBody byte[] body,
            @AuthenticationPrincipal Jwt caller,
            HttpServletRequest http)
            throws SQLException {
        enabled();
        DoorgeleidingBody doorgeleiding = reader.read(body, DoorgeleidingBody.class);
        Routing routing =
                done(meldpunt.routings().route(referentie, doorgeleiding.loket(), caller.getSubject(), tx(http)));
        return ResponseEntity.status(201)
                .body(Doorgeleiding.of(routing, meldpunt.routings().desks()));
    }

    @PostMapping(
            path = "/api/v1/meldpunt/signalen/{referentie}/sluiting",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    MeldingDossier close(
            @PathVariable("referentie") String referentie,
            @RequestBody byte[] body,
            @AuthenticationPrincipal Jwt caller,
            HttpServletRequest http)
            throws SQLException {
        enabled();
        SluitingBody sluiting = reader.read(body, SluitingBody.class);
        done(meldpunt.triage().close(referentie, sluiting.reden(), sluiting.note(), caller.getSubject(), tx(http)));
        return reread(referentie, caller, http);
    }

    private MeldingDossier reread(String referentie, Jwt caller, HttpServletRequest http) throws SQLException {
        return MeldingDossier.of(
                done(meldpunt.triage().read(referentie, caller.getSubject(), tx(http))), clock.instant());
    }

    private void enabled() {
        if (!meldpunt.enabled()) {
            throw new ResourceNotFoundException("Deze gateway heeft geen meldpunt.");
        }
    }

    static InvalidRequestException invalid(List<IntakeRules.Violation> violations) {
        return new InvalidRequestException(
                "De melding is niet volledig of niet juist: "
                        + String.join(
                                "; ",
                                violations.stream()
                                        .map(v -> v.field() + ": " + v.reason())
                                        .toList()),
                violations.stream()
                        .map(v -> new InvalidRequestException.InvalidParam(v.field(), v.reason()))
                        .toList());
    }

    static TooManyRequestsException busy(Intake.Outcome.Busy busy) {
        return switch (busy.why()) {
            case RATE_LIMIT ->
                new TooManyRequestsException(
                        "te-veel-meldingen",
                        "Te veel meldingen vanaf dit adres; probeer het later opnieuw.",
                        busy.retryAfter());
            case QUEUE_FULL ->
                new TooManyRequestsException(
                        "meldpunt-vol",
                        "Het meldpunt kan nu geen meldingen meer aannemen; probeer het later opnieuw. Is het acuut? Bel 112.",
                        busy.retryAfter());
            case BUSY ->
                new TooManyRequestsException(
                        "meldpunt-bezet",
                        "Het meldpunt is even bezet; probeer het over enkele seconden opnieuw.",
                        busy.retryAfter());
        };
    }

    private static <T> T done(Result<T> result) {
        if (result instanceof Result.Done<T> done) {
            return done.value();
        }
        if (result instanceof Result.NotFound<T>) {
            throw new ResourceNotFoundException("Geen melding met deze referentie.");
        }
        Result.Why why = ((Result.Conflict<T>) result).why();
        throw switch (why) {
            case CLOSED -> new ConflictException("melding-gesloten", "Melding gesloten", "Deze melding is gesloten.");
            case CHANGED ->
                new ConflictException(
                        "melding-gewijzigd",
                        "Melding gewijzigd",
                        "Iemand anders wijzigde de melding intussen; lees haar opnieuw.");
            case NOT_ASSESSED ->
                new ConflictException(
                        "melding-niet-beoordeeld",
                        "Niet beoordeeld",
                        "Beoordeel de melding voordat u haar doorgeleidt.");
            case DIFFERENT_PERSON ->
                new ConflictException(
                        "andere-persoon",
                        "Andere persoon",
                        "De twee meldingen gaan over verschillende personen (ander BSN).");
            case UNKNOWN_DESK -> ZaakBody.invalid("loket", "geen loket van dit meldpunt");
            case UNKNOWN_CASE -> ZaakBody.invalid("zaak", "geen bestaande zaak");
            case UNKNOWN_SIGNAL -> ZaakBody.invalid("melding", "geen andere bestaande melding");
            case NOTE_REQUIRED -> ZaakBody.invalid("toelichting", "verplicht bij reden ANDERS");
        };
    }

    private static String statusPath(String reference) {
        return "/api/v1/meldpunt/meldingen/" + reference + "/status";
    }

    private static String tx(HttpServletRequest http) {
        return ApiHeadersFilter.transactionId(http).toString();
    }

    private static String time(Instant instant) {
        return instant == null ? null : StoredTime.format(instant);
    }

    record Ontvangen(String referentie, String status, String statusUrl) {}

    record Acuut(boolean acuut, String advies) {}

    record MeldingStatus(String referentie, String status) {}

    record Loket(String id, String naam, List<String> velden) {
        static Loket of(Desks.Desk desk) {
            return new Loket(
                    desk.id(), desk.name(), List.copyOf(desk.config().fields().keySet()));
        }
    }

    record Werkvoorraad(
            String referentie,
            String status,
            String kanaal,
            String ontvangenOp,
            String eersteContactUiterlijk,
            boolean termijnOverschreden,
            int andereMeldingenOverPersoon,
            boolean gekoppeldAanZaak) {
        static Werkvoorraad of(Signal.Summary s, Instant now) {
            return new Werkvoorraad(
                    s.reference(),
                    s.status().name(),
                    s.channel().name(),
                    time(s.receivedAt()),
                    time(s.firstContactBy()),
                    s.overdue(now),
                    s.earlierAboutPerson(),
                    s.linkedToCase());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Doorgeleiding(
            String id, String loket, String loketNaam, String status, String loketReferentie, String reden, String op) {
        static Doorgeleiding of(Routing r, Desks desks) {
            return new Doorgeleiding(
                    r.id(),
                    r.deskId(),
                    desks.get(r.deskId()).map(Desks.Desk::name).orElse(r.deskId()),
                    r.status().name(),
                    r.deskReference(),
                    r.reason(),
                    time(r.updatedAt()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MeldingDossier(
            String referentie,
            String status,
            String kanaal,
            String ontvangenOp,
            String eersteContactUiterlijk,
            boolean termijnOverschreden,
            MeldingBody melding,
            Beoordeling beoordeling,
            String zaak,
            List<Werkvoorraad> andereMeldingenOverPersoon,
            List<Doorgeleiding> doorgeleidingen,
            Sluiting sluiting,
            String verwijderdNa) {

        static MeldingDossier of(Triage.SignalView view, Instant now) {
            Signal s = view.signal();
            Signal.Assessment a = s.details().assessment();
            Signal.Closure c = s.details().closure();
            return new MeldingDossier(
                    s.reference(),
                    s.status().name(),
                    s.channel().name(),
                    time(s.receivedAt()),
                    time(s.firstContactBy()),
                    s.status() == Signal.Status.ONTVANGEN && now.isAfter(s.firstContactBy()),
                    MeldingBody.of(s.details().submission()),
                    a == null
                            ? null
                            : new Beoordeling(
                                    a.urgency().name(),
                                    a.domains().stream().map(Enum::name).toList(),
                                    a.moreNeeded(),
                                    a.note(),
                                    a.by(),
                                    time(a.at())),
                    s.caseReference(),
                    view.related().stream().map(r -> Werkvoorraad.of(r, now)).toList(),
                    view.routings().stream()
                            .map(r -> new Doorgeleiding(
                                    r.id(),
                                    r.deskId(),
                                    null,
                                    r.status().name(),
                                    r.deskReference(),
                                    r.reason(),
                                    time(r.updatedAt())))
                            .toList(),
                    c == null ? null : new Sluiting(c.reason().name(), c.note(), c.by(), time(c.at())),
                    time(s.deleteAfter()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Beoordeling(
            String urgentie,
            List<String> levensdomeinen,
            boolean meerInformatieNodig,
            String toelichting,
            String door,
            String op) {
        Beoordeling {
            levensdomeinen =
                    levensdomeinen.stream().map(d -> d.toUpperCase(Locale.ROOT)).toList();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Sluiting(String reden, String toelichting, String door, String op) {}
}
