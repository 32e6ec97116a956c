package nl.wams.gateway.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.adapters.peer.PeerProvision;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.federation.IncomingProvisions;
import nl.wams.gateway.minimisation.MinimisationFilter;
import nl.wams.gateway.policy.PolicyRefusedException;
import nl.wams.gateway.policy.Rule;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;

/**
 * The college's side of data moving for the coordinated approach: the coordinator provides data
 * to a named party (minimised by the outbound profile for that party, default deny), convenes a
 * case meeting (each participant's gateway is invited), and collects the participants'
 * contributions, which go to the meeting's other participants only.
 */
public final class CoordinatedApproach {

    /** What became of a provision or meeting. */
    public sealed interface Result<T> {
        record Done<T>(T value) implements Result<T> {}

        record NotFound<T>() implements Result<T> {}

        record Conflict<T>(String reason) implements Result<T> {}
    }

    /** How an incoming contribution was taken. */
    public sealed interface Received {
        record Accepted(String id) implements Received {}

        record Refused(IncomingProvisions.Refusal refusal, String field) implements Received {}
    }

    private final Cases cases;
    private final Outbox outbox;
    private final AuditLog auditLog;
    private final CaseAudit audit;
    private final ActiveRules rules;

    public CoordinatedApproach(Cases cases, Outbox outbox, AuditLog auditLog, CaseAudit audit, ActiveRules rules) {
        this.cases = cases;
        this.outbox = outbox;
        this.auditLog = auditLog;
        this.audit = audit;
        this.rules = rules;
    }

    /**
     * The coordinator provides data about people of the case to a party: checked against the
     * catalogue and the purpose, minimised by the outbound profile for (purpose, category, party),
     * signed and sent. Refused (422, logged) when the party has no gateway, a category is outside
     * the purpose, or nothing would remain.
     */
    public Result<Part> provide(
            String reference,
            String partyId,
            String reason,
            List<PeerAnswer.Person> people,
            String user,
            String transactionId)
            throws SQLException {
        Rules in = rules.current();
        Optional<Case> zaak = cases.store().get(reference);
        if (zaak.isEmpty()) {
            return new Result.NotFound<>();
        }
        if (!zaak.get().open()) {
            return new Result.Conflict<>("closed");
        }
        List<Violation> violations = new ArrayList<>();
        Optional<GatewayConfig.Party> party = in.gateway().party(partyId);
        if (party.isEmpty()) {
            violations.add(new Violation(Rule.ONBEKENDE_PARTIJ, "partij", "Deze partij is niet geconfigureerd."));
        } else if (in.gateway().peerBase(party.get()).isEmpty()) {
            violations.add(new Violation(
                    Rule.ONBEKENDE_PARTIJ,
                    "partij",
                    "Deze partij heeft geen eigen gateway om gegevens aan te verstrekken."));
        }
        Set<String> caseBsns = Set.copyOf(zaak.get().details().bsns());
        for (int i = 0; i < people.size(); i++) {
            if (!caseBsns.contains(people.get(i).bsn())) {
                violations.add(new Violation(
                        Rule.PERSOON_NIET_IN_ZAAK, "personen[" + i + "].bsn", "Deze persoon hoort niet bij de zaak."));
            }
        }
        List<String> allowed = in.gateway()
                .purpose(CaseAudit.PURPOSE)
                .map(GatewayConfig.Purpose::categories)
                .orElse(List.of());
        for (int i = 0; i < people.size(); i++) {
            for (String category : people.get(i).data().keySet()) {
                if (!allowed.contains(category)) {
                    violations.add(new Violation(
                            Rule.CATEGORIE_BUITEN_DOEL,
                            "personen[" + i + "].gegevens." + category,
                            "Deze categorie is niet toegestaan voor de gecoördineerde aanpak."));
                }
            }
        }
        Minimised minimised = minimise(in.outboundTo(partyId), people);
        if (violations.isEmpty() && minimised.empty()) {
            violations.add(new Violation(
                    Rule.GEEN_GEGEVENS_VOOR_VERSTREKKING,
                    "personen",
                    "Het uitgaande profiel voor deze partij laat niets van deze gegevens door."));
        }
        if (!violations.isEmpty()) {
            auditLog.append(
                    nl.wams.adapters.TraceIds.of(transactionId),
                    List.of(audit.entry(
                                    AuditEvent.VERSTREKKING_VERSTUURD,
                                    transactionId,
                                    in,
                                    reference,
                                    people.stream().map(PeerAnswer.Person::bsn).toList(),
                                    user)
                            .party(partyId, party.map(GatewayConfig.Party::oin).orElse(null))
                            .outcome("GEWEIGERD", violations.get(0).rule().name(), null)
                            .build()));
            throw new PolicyRefusedException(violations);
        }
        PeerProvision provision = new PeerProvision(
                PeerProvision.Kind.VERSTREKKING,
                UUID.randomUUID().toString(),
                reference,
                CaseAudit.PURPOSE,
                CaseAudit.legalBasis(in.gateway()),
                null,
                null,
                null,
                reason,
                minimised.categories(),
                minimised.people(),
                minimised.removed());
        return new Result.Done<>(send(in, zaak.get(), party.get(), provision, null, user, transactionId));
    }

    /**
     * Convenes a case meeting: recorded in the dossier, and each participant with its own gateway
     * is invited (the people of the case, the date, the categories to consider). Without the
     * client invited, the weighty interest must be stated.
     */
    public Result<Part> convene(String reference, Part.Meeting meeting, String user, String transactionId)
            throws SQLException {
        Rules in = rules.current();
        Optional<Case> zaak = cases.store().get(reference);
        if (zaak.isEmpty()) {
            return new Result.NotFound<>();
        }
        if (!zaak.get().open()) {
            return new Result.Conflict<>("closed");
        }
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < meeting.participants().size(); i++) {
            if (in.gateway().party(meeting.participants().get(i)).isEmpty()) {
                violations.add(new Violation(
                        Rule.ONBEKENDE_PARTIJ, "deelnemers[" + i + "]", "Deze partij is niet geconfigureerd."));
            }
        }
        List<String> allowed = in.gateway()
                .purpose(CaseAudit.PURPOSE)
                .map(GatewayConfig.Purpose::categories)
                .orElse(List.of());
        for (int i = 0; i < meeting.categories().size(); i++) {
            if (!allowed.contains(meeting.categories().get(i))) {
                violations.add(new Violation(
                        Rule.CATEGORIE_BUITEN_DOEL,
                        "categorieen[" + i + "]",
                        "Deze categorie is niet toegestaan voor de gecoördineerde aanpak."));
            }
        }
        if (!violations.isEmpty()) {
            throw new PolicyRefusedException(violations);
        }
        Instant now = outbox.now();
        Part part = new Part(UUID.randomUUID().toString(), reference, Part.Kind.OVERLEG, null, meeting, null, now, now);
        cases.changed(zaak.get(), "OVERLEG", user, transactionId, cases.store().insertPart(part));
        for (String participant : meeting.participants()) {
            GatewayConfig.Party party = in.gateway().party(participant).orElseThrow();
            if (in.gateway().peerBase(party).isEmpty()) {
                continue; // a party without a gateway of its own takes part in person only
            }
            List<PeerAnswer.Person> people = zaak.get().details().bsns().stream()
                    .map(bsn -> new PeerAnswer.Person(bsn, Map.of()))
                    .toList();
            PeerProvision invitation = new PeerProvision(
                    PeerProvision.Kind.UITNODIGING,
                    UUID.randomUUID().toString(),
                    reference,
                    CaseAudit.PURPOSE,
                    CaseAudit.legalBasis(in.gateway()),
                    part.id(),
                    meeting.date(),
                    null,
                    null,
                    meeting.categories(),
                    people,
                    List.of());
            send(in, zaak.get(), party, invitation, part.id(), user, transactionId);
        }
        return new Result.Done<>(part);
    }

    /**
     * A participant's contribution to a meeting, from its gateway (verified by the caller): only
     * from a participant of that meeting, about the people of the case, within the catalogue. It
     * is kept with the meeting and forwarded to the other participants with a gateway, and to no
     * one else.
     */
    public Received contribution(IncomingProvisions.Checked.Ok message, String transactionId) throws SQLException {
        Rules in = rules.current();
        PeerProvision provision = message.provision();
        Optional<Part> meetingPart =
                provision.meeting() == null ? Optional.empty() : cases.store().part(provision.meeting());
        Optional<Case> zaak = cases.store().get(provision.caseReference());
        if (provision.kind() != PeerProvision.Kind.BIJDRAGE
                || meetingPart.isEmpty()
                || meetingPart.get().kind() != Part.Kind.OVERLEG
                || !meetingPart.get().reference().equals(provision.caseReference())
                || zaak.isEmpty()
                || !zaak.get().open()) {
            return refused(in, message, "overleg", transactionId);
        }
        Part.Meeting meeting = (Part.Meeting) meetingPart.get().content();
        Optional<GatewayConfig.Party> contributor = meeting.participants().stream()
                .map(id -> in.gateway().party(id).orElseThrow())
                .filter(p -> p.oin().equals(message.senderOin()))
                .findFirst();
        if (contributor.isEmpty()) {
            return refused(in, message, "herkomst", transactionId);
        }
        Set<String> caseBsns = Set.copyOf(zaak.get().details().bsns());
        if (provision.subjects().stream().anyMatch(p -> !caseBsns.contains(p.bsn()))) {
            return refused(in, message, "personen", transactionId);
        }
        Optional<String> problem = CatalogueCheck.firstProblem(in.catalogue(), provision.subjects());
        if (problem.isPresent()) {
            return refused(in, message, problem.get(), transactionId);
        }
        Instant now = outbox.now();
        Part part = new Part(
                UUID.randomUUID().toString(),
                provision.caseReference(),
                Part.Kind.BIJDRAGE,
                meetingPart.get().id(),
                new Part.Contribution(
                        contributor.get().id(),
                        contributor.get().oin(),
                        provision.reason(),
                        provision.subjects(),
                        provision.removed()),
                "ONTVANGEN",
                now,
                now);
        auditLog.append(
                nl.wams.adapters.TraceIds.of(transactionId),
                List.of(audit.entry(
                                AuditEvent.VERSTREKKING_ONTVANGEN,
                                transactionId,
                                in,
                                provision.caseReference(),
                                provision.subjects().stream()
                                        .map(PeerAnswer.Person::bsn)
                                        .toList(),
                                "peer:" + message.senderOin())
                        .party(contributor.get().id(), contributor.get().oin())
                        .categories(provision.categories(), provision.dataCategories())
                        .fieldsRemoved(provision.removed())
                        .outcome(provision.kind().name(), null, null)
                        .build()),
                cases.store().insertPart(part));
        for (String participant : meeting.participants()) {
            GatewayConfig.Party other = in.gateway().party(participant).orElseThrow();
            if (other.id().equals(contributor.get().id())
                    || in.gateway().peerBase(other).isEmpty()) {
                continue;
            }
            PeerProvision forwarded = new PeerProvision(
                    PeerProvision.Kind.BIJDRAGE,
                    UUID.randomUUID().toString(),
                    provision.caseReference(),
                    CaseAudit.PURPOSE,
                    CaseAudit.legalBasis(in.gateway()),
                    provision.meeting(),
                    meeting.date(),
                    contributor.get().oin(),
                    provision.reason(),
                    provision.categories(),
                    provision.subjects(),
                    provision.removed());
            send(in, zaak.get(), other, forwarded, part.id(), "peer:" + message.senderOin(), transactionId);
        }
        return new Received.Accepted(part.id());
    }

    /**
     * Asks the receiving gateway where a provision stands and keeps the answer; the part as it is
     * when the gateway cannot be reached.
     */
    public Result<Part> refresh(String reference, String partId) throws SQLException {
        Optional<Part> part = cases.store().part(partId);
        if (part.isEmpty()
                || !part.get().reference().equals(reference)
                || !(part.get().content() instanceof Part.Message message)) {
            return new Result.NotFound<>();
        }
        Rules in = rules.current();
        Optional<GatewayConfig.Party> party = in.gateway().party(message.partyId());
        if (party.isEmpty() || in.gateway().peerBase(party.get()).isEmpty()) {
            return new Result.Done<>(part.get());
        }
        Optional<String> status =
                outbox.status(recipient(in, party.get()), message.provision().reference());
        if (status.isPresent() && !status.get().equals(part.get().status()) && known(status.get())) {
            auditLog.append(
                    nl.wams.adapters.TraceIds.of(java.util.UUID.randomUUID().toString()),
                    List.of(),
                    cases.store().setStatus(partId, status.get(), outbox.now()));
            return new Result.Done<>(cases.store().part(partId).orElseThrow());
        }
        return new Result.Done<>(part.get());
    }

    private static boolean known(String status) {
        for (Part.Delivery d : Part.Delivery.values()) {
            if (d.name().equals(status)) {
                return true;
            }
        }
        return false;
    }

    private Part send(
            Rules in,
            Case zaak,
            GatewayConfig.Party party,
            PeerProvision provision,
            String parentId,
            String user,
            String transactionId)
            throws SQLException {
        Instant now = outbox.now();
        Part part = new Part(
                UUID.randomUUID().toString(),
                zaak.reference(),
                Part.Kind.VERSTREKKING,
                parentId,
                new Part.Message(party.id(), provision),
                Part.Delivery.VERZONDEN.name(),
                now,
                now);
        outbox.send(
                in,
                recipient(in, party),
                provision,
                user,
                transactionId,
                cases.store().insertPart(part),
                delivered -> cases.store()
                        .setStatus(
                                part.id(),
                                delivered == Outbox.Delivered.ONTVANGEN
                                        ? Part.Delivery.ONTVANGEN.name()
                                        : Part.Delivery.NIET_AFGELEVERD.name(),
                                outbox.now()));
        return cases.store().part(part.id()).orElseThrow();
    }

    static Outbox.Recipient recipient(Rules in, GatewayConfig.Party party) {
        return new Outbox.Recipient(
                party.id(),
                party.oin(),
                in.gateway().peerBase(party).orElseThrow().resolve("verstrekkingen"));
    }

    private Received refused(Rules in, IncomingProvisions.Checked.Ok message, String field, String transactionId) {
        auditLog.append(
                nl.wams.adapters.TraceIds.of(transactionId),
                List.of(audit.entry(
                                AuditEvent.VERSTREKKING_GEWEIGERD,
                                transactionId,
                                in,
                                message.provision().caseReference(),
                                List.of(),
                                "peer:" + message.senderOin())
                        .party(null, message.senderOin())
                        .outcome("GEWEIGERD", "ONGELDIG_BERICHT", "field " + field)
                        .build()));
        return new Received.Refused(IncomingProvisions.Refusal.INVALID, field);
    }

    /** Logs a contribution refused before anything of it was read (trust, replay, shape). */
    public void refused(IncomingProvisions.Checked.Refused refused, String transactionId) {
        auditLog.append(
                nl.wams.adapters.TraceIds.of(transactionId),
                List.of(nl.wams.gateway.audit.AuditEntry.of(AuditEvent.VERSTREKKING_GEWEIGERD, transactionId)
                        .requester(
                                refused.senderOin(), refused.senderOin() == null ? null : "peer:" + refused.senderOin())
                        .purpose(CaseAudit.PURPOSE, null, null, null)
                        .outcome(
                                "GEWEIGERD",
                                refused.ground(),
                                refused.field() == null ? null : "field " + refused.field())
                        .configVersion(rules.current().version())
                        .build()));
    }

    /** Data minimised by an outbound profile: what passes, per person, and the names removed. */
    public record Minimised(List<PeerAnswer.Person> people, List<String> categories, List<String> removed) {
        public boolean empty() {
            return people.stream().allMatch(p -> p.data().values().stream().allMatch(Map::isEmpty));
        }
    }

    /** Default deny: a category without a profile for this recipient sends nothing of it. */
    public static Minimised minimise(MinimisationFilter outbound, List<PeerAnswer.Person> people) {
        Set<String> removed = new LinkedHashSet<>();
        Set<String> categories = new LinkedHashSet<>();
        List<PeerAnswer.Person> released = new ArrayList<>();
        for (PeerAnswer.Person person : people) {
            Map<String, Map<String, JsonNode>> data = new LinkedHashMap<>();
            person.data().forEach((category, fields) -> {
                categories.add(category);
                MinimisationFilter.Released r = outbound.release(CaseAudit.PURPOSE, category, fields);
                removed.addAll(r.removed());
                if (!r.fields().isEmpty()) {
                    data.put(category, r.fields());
                }
            });
            released.add(new PeerAnswer.Person(person.bsn(), data));
        }
        return new Minimised(released, List.copyOf(categories), List.copyOf(removed));
    }
}
