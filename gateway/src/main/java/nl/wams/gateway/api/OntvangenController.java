package nl.wams.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.wams.adapters.peer.PeerReceipt;
import nl.wams.gateway.participation.Participation;
import nl.wams.gateway.participation.Received;
import nl.wams.gateway.storage.StoredTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the college's gateway sent this organisation for the coordinated approach (role
 * {@code reviewer}): held apart until the professional adopts or declines it; invitations to a
 * case meeting, to which the professional contributes what they judge necessary.
 */
@RestController
class OntvangenController {

    private final ObjectProvider<Participation> participation;
    private final RequestReader reader;

    OntvangenController(ObjectProvider<Participation> participation, RequestReader reader) {
        this.participation = participation;
        this.reader = reader;
    }

    @GetMapping(path = "/api/v1/ontvangen", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, List<Ontvangst>> list() throws SQLException {
        return Map.of(
                "ontvangen",
                service().store().current(200).stream().map(Ontvangst::of).toList());
    }

    @GetMapping(path = "/api/v1/ontvangen/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Ontvangst get(@PathVariable("id") String id) throws SQLException {
        return service()
                .store()
                .get(id)
                .map(Ontvangst::of)
                .orElseThrow(() -> new ResourceNotFoundException("Niet gevonden."));
    }

    @PostMapping(
            path = "/api/v1/ontvangen/{id}/besluit",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Ontvangst decide(
            @PathVariable("id") String id,
            @RequestBody byte[] body,
            @AuthenticationPrincipal Jwt professional,
            HttpServletRequest http)
            throws SQLException {
        OntvangstBesluitBody decision = reader.read(body, OntvangstBesluitBody.class);
        outcome(service()
                .decide(
                        id,
                        decision.besluit(),
                        decision.motivation(),
                        professional.getSubject(),
                        ApiHeadersFilter.transactionId(http).toString()));
        return get(id);
    }

    @PostMapping(
            path = "/api/v1/ontvangen/{id}/bijdrage",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Ontvangst contribute(
            @PathVariable("id") String id,
            @RequestBody byte[] body,
            @AuthenticationPrincipal Jwt professional,
            HttpServletRequest http)
            throws SQLException {
        BijdrageBody contribution = reader.read(body, BijdrageBody.class);
        outcome(service()
                .contribute(
                        id,
                        contribution.categorieen(),
                        contribution.motivation(),
                        professional.getSubject(),
                        ApiHeadersFilter.transactionId(http).toString()));
        return get(id);
    }

    private Participation service() {
        Participation service = participation.getIfAvailable();
        if (service == null) {
            throw new ResourceNotFoundException("Deze gateway ontvangt geen gegevens.");
        }
        return service;
    }

    private static void outcome(Participation.Outcome outcome) {
        switch (outcome) {
            case DONE -> {}
            case NOT_FOUND -> throw new ResourceNotFoundException("Niet gevonden.");
            case ALREADY_DECIDED ->
                throw new ConflictException(
                        "al-besloten", "Al besloten", "Hierover is al besloten; een besluit is definitief.");
            case NOTHING_TO_CONTRIBUTE ->
                throw new ConflictException(
                        "niets-bij-te-dragen",
                        "Niets bij te dragen",
                        "Het eigen systeem kent deze persoon niet, of het uitgaande profiel laat niets van deze categorieën door.");
            case NOT_DELIVERED, BACKEND_UNREACHABLE -> throw new GatewayUnavailableException();
        }
    }

    /** The other gateway or the own system cannot be reached now; nothing was lost, try again later. */
    static final class GatewayUnavailableException extends RuntimeException {
        GatewayUnavailableException() {
            super("unavailable", null, false, false);
        }
    }

    /** Something received, as the professional sees it (the data only while it is kept). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ontvangst(
            String id,
            String soort,
            String status,
            String afzenderOin,
            String herkomstOin,
            String zaakkenmerk,
            String doel,
            String grondslag,
            String overleg,
            String overlegDatum,
            String reden,
            List<String> categorieen,
            List<String> verwijderdeVelden,
            JsonNode personen,
            String ontvangenOp,
            String verwijderdNa,
            String besluitOp,
            String besluitDoor,
            String motivering) {

        static Ontvangst of(Received r) {
            var p = r.provision();
            return new Ontvangst(
                    r.id(),
                    r.kind().name(),
                    r.status().name(),
                    r.senderOin(),
                    p == null ? null : p.origin(),
                    p == null ? null : p.caseReference(),
                    p == null ? null : p.purpose(),
                    p == null ? null : p.legalBasis(),
                    p == null ? null : p.meeting(),
                    p == null ? null : p.meetingDate(),
                    p == null ? null : p.reason(),
                    p == null ? null : p.categories(),
                    p == null ? null : p.removed(),
                    p == null ? null : p.toJson().get("personen"),
                    time(r.receivedAt()),
                    r.status() == PeerReceipt.Status.OVERGENOMEN ? null : time(r.deleteAfter()),
                    time(r.decidedAt()),
                    r.decidedBy(),
                    r.motivation());
        }

        @Override
        public String toString() {
            return "Ontvangst[id=" + id + ", status=" + status + "]";
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : StoredTime.format(instant);
    }
}
