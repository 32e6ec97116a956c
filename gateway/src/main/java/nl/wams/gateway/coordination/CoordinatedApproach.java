package nl.wams.gateway.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.wams.adapters.TraceIds;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.adapters.peer.PeerProvision;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.federation.IncomingProvisions;
import nl.wams.gateway.federation.IncomingProvisions.Taken;
import nl.wams.gateway.minimisation.MinimisationFilter;
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

    private final Cases cases;
    private final Outbox outbox;
    private final IncomingProvisions incoming;
    private final AuditLog auditLog;
    private final CaseAudit audit;
    private final ActiveRules rules;
    private final Clock clock;

    public CoordinatedApproach(
            Cases cases,
            Outbox outbox,
            IncomingProvisions incoming,
            AuditLog auditLog,
            CaseAudit audit,
            ActiveRules rules,
            Clock clock) {
        this.cases = cases;
        this.outbox = outbox;
        this.incoming = incoming;
        this.auditLog = auditLog;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * The coordinator provides data about people of the case to a party: checked against the
     * catalogue and the purpose, minimised by the outbound profile for (purpose, category, party),
     * signed and sent. Refused (logged) when the party has no gateway, a person is not of the case,
     * a value is not what the catalogue says (400), a category is outside the purpose, or nothing
     * would remain.
     */
    public Cases.Result<Part> provide(
            String reference,
            String partyId,
            String reason,
            List<PeerAnswer.Person> people,
            String user,
            String transactionId)
            throws SQLException {
        Rules in = rules.current();
        Cases.Result<Case> open = cases.openCase(reference);
        if (!(open instanceof Cases.Result.Done<Case> zaak)) {
            return open.failed();
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
        Set<String> caseBsns = Set.copyOf(zaak.value().details().bsns());
        for (int i = 0; i < people.size(); i++) {
            if (!caseBsns.contains(people.get(i).bsn())) {
                violations.add(new Violation(
                        Rule.PERSOON_NIET_IN_ZAAK, "personen[" + i + "].bsn", "Deze persoon hoort niet bij de zaak."));
            }
            for (String category : people.get(i).data().keySet()) {
                outsidePurpose(in, category, "personen[" + i + "].gegevens." + category)
                        .ifPresent(violations::add);
            }
        }
        CatalogueCheck.firstProblem(in.catalogue(), people)
                .ifPresent(path -> violations.add(new Violation(
                        Rule.GEGEVENS_BUITEN_CATALOGUS,
                        path,
                        "Deze categorie of dit veld staat niet in de catalogus, of de waarde heeft niet het type dat"
                                + " de catalogus noemt.")));
        MinimisationFilter.People minimised = in.outboundTo(partyId).release(CaseAudit.PURPOSE, people);
        if (violations.isEmpty() && minimised.empty()) {
            violations.add(new Violation(
                    Rule.GEEN_GEGEVENS_VOOR_VERSTREKKING,
                    "personen",
                    "Het uitgaande profiel voor deze partij laat niets van deze gegevens door."));
        }
        cases.refuseIfBroken(
                transactionId,
                audit.entry(
                                AuditEvent.VERSTREKKING_VERSTUURD,
                                transactionId,
                                in,
                                reference,
                                people.stream().map(PeerAnswer.Person::bsn).toList(),
                                user)
                        .party(partyId, party.map(GatewayConfig.Party::oin).orElse(null)),
                violations);
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
                categories(people),
                minimised.people(),
                minimised.removed());
        return new Cases.Result.Done<>(send(in, reference, party.get(), provision, null, user, transactionId));
    }

    /** {@link #provide} of one category about one person (as the web form gives it). */
    public Cases.Result<Part> provide(
            String reference,
            String partyId,
            String reason,
            String bsn,
            String category,
            Map<String, JsonNode> fields,
            String user,
            String transactionId)
            throws SQLException {
        return provide(
                reference,
                partyId,
                reason,
                List.of(new PeerAnswer.Person(bsn, Map.of(category, fields))),
                user,
                transactionId);
    }

    /**
     * Convenes a case meeting: recorded in the dossier, and each participant with its own gateway
     * is invited (the people of the case, the date, the categories to consider). A broken rule
     * (unknown participant, category outside the purpose) is logged and refused.
     */
    public Cases.Result<Part> convene(String reference, Part.Meeting meeting, String user, String transactionId)
            throws SQLException {
        Rules in = rules.current();
        Cases.Result<Case> open = cases.openCase(reference);
        if (!(open instanceof Cases.Result.Done<Case> zaak)) {
            return open.failed();
        }
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < meeting.participants().size(); i++) {
            if (in.gateway().party(meeting.participants().get(i)).isEmpty()) {
                violations.add(new Violation(
                        Rule.ONBEKENDE_PARTIJ, "deelnemers[" + i + "]", "Deze partij is niet geconfigureerd."));
            }
        }
        for (int i = 0; i < meeting.categories().size(); i++) {
            outsidePurpose(in, meeting.categories().get(i), "categorieen[" + i + "]")
                    .ifPresent(violations::add);
        }
        List<String> bsns = zaak.value().details().bsns();
        cases.refuseIfBroken(
                transactionId,
                audit.entry(AuditEvent.ZAAK_GEWIJZIGD, transactionId, in, reference, bsns, user),
                violations);
        Instant now = clock.instant();
        Part part = new Part(UUID.randomUUID().toString(), reference, Part.Kind.OVERLEG, null, meeting, null, now, now);
        cases.changed(
                zaak.value(), "OVERLEG", user, transactionId, cases.store().insertPart(part));
        List<PeerAnswer.Person> people =
                bsns.stream().map(bsn -> new PeerAnswer.Person(bsn, Map.of())).toList();
        for (GatewayConfig.Party party : withGateway(in, meeting.participants())) {
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
            send(in, reference, party, invitation, part.id(), user, transactionId);
        }
        return new Cases.Result.Done<>(part);
    }

    /**
     * A participant's contribution to a meeting, from its gateway: verified like any peer message,
     * then only from a participant of that meeting, about the people of the case, within the
     * catalogue. It is kept with the meeting and forwarded to the other participants with a
     * gateway, and to no one else. Every refusal is logged.
     */
    public Taken contribution(String jws, X509Certificate[] chain, String transactionId) throws SQLException {
        Rules in = rules.current();
        IncomingProvisions.Checked checked = incoming.check(jws, chain);
        if (checked instanceof IncomingProvisions.Checked.Refused refused) {
            return refuse(in, refused.senderOin(), refused.ground(), refused.taken(), transactionId);
        }
        IncomingProvisions.Checked.Ok message = (IncomingProvisions.Checked.Ok) checked;
        PeerProvision provision = message.provision();
        Optional<Part> meetingPart =
                provision.meeting() == null ? Optional.empty() : cases.store().part(provision.meeting());
        Optional<Case> zaak = cases.store().get(provision.caseReference());
        if (provision.kind() != PeerProvision.Kind.BIJDRAGE
                || meetingPart.isEmpty()
                || !(meetingPart.get().content() instanceof Part.Meeting meeting)
                || !meetingPart.get().reference().equals(provision.caseReference())
                || zaak.isEmpty()
                || !zaak.get().open()) {
            return invalid(in, message, "overleg", transactionId);
        }
        Optional<GatewayConfig.Party> contributor = withGateway(in, meeting.participants()).stream()
                .filter(p -> p.oin().equals(message.senderOin()))
                .findFirst();
        if (contributor.isEmpty()) {
            return invalid(in, message, "herkomst", transactionId);
        }
        Set<String> caseBsns = Set.copyOf(zaak.get().details().bsns());
        if (provision.subjects().stream().anyMatch(p -> !caseBsns.contains(p.bsn()))) {
            return invalid(in, message, "personen", transactionId);
        }
        Optional<String> problem = CatalogueCheck.firstProblem(in.catalogue(), provision.subjects());
        if (problem.isPresent()) {
            return invalid(in, message, problem.get(), transactionId);
        }
        Instant now = clock.instant();
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
                Part.Delivery.ONTVANGEN,
                now,
                now);
        String from = "peer:" + message.senderOin();
        auditLog.append(
                TraceIds.of(transactionId),
                List.of(audit.entry(
                                AuditEvent.VERSTREKKING_ONTVANGEN,
                                transactionId,
                                in,
                                provision.caseReference(),
                                provision.subjects().stream()
                                        .map(PeerAnswer.Person::bsn)
                                        .toList(),
                                from)
                        .party(contributor.get().id(), contributor.get().oin())
                        .categories(provision.categories(), provision.dataCategories())
                        .fieldsRemoved(provision.removed())
                        .outcome(provision.kind().name(), null, null)
                        .build()),
                cases.store().insertPart(part));
        for (GatewayConfig.Party other : withGateway(in, meeting.participants())) {
            if (other.id().equals(contributor.get().id())) {
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
            send(in, provision.caseReference(), other, forwarded, part.id(), from, transactionId);
        }
        return new Taken.Accepted(part.id());
    }

    /**
     * Asks the receiving gateway where a provision stands and keeps the answer (no audit record:
     * nothing moved); the part as it is when the gateway cannot be reached.
     */
    public Cases.Result<Part> refresh(String reference, String partId) throws SQLException {
        Optional<Part> part = cases.store().part(partId);
        if (part.isEmpty()
                || !part.get().reference().equals(reference)
                || !(part.get().content() instanceof Part.Message message)) {
            return new Cases.Result.NotFound<>();
        }
        Rules in = rules.current();
        Optional<GatewayConfig.Party> party = in.gateway().party(message.partyId());
        if (party.isEmpty() || in.gateway().peerBase(party.get()).isEmpty()) {
            return new Cases.Result.Done<>(part.get());
        }
        Optional<Part.Delivery> reported = outbox.status(
                        recipient(in, party.get()), message.provision().reference())
                .map(Part.Delivery::of);
        if (reported.isEmpty() || reported.get() == part.get().status()) {
            return new Cases.Result.Done<>(part.get());
        }
        Instant now = clock.instant();
        cases.store().apply(cases.store().setStatus(partId, reported.get(), now));
        return new Cases.Result.Done<>(with(part.get(), reported.get(), now));
    }

    /** Records the message with the case, sends it through the outbox, and returns it with its delivery. */
    private Part send(
            Rules in,
            String reference,
            GatewayConfig.Party party,
            PeerProvision provision,
            String parentId,
            String user,
            String transactionId) {
        Instant now = clock.instant();
        Part part = new Part(
                UUID.randomUUID().toString(),
                reference,
                Part.Kind.VERSTREKKING,
                parentId,
                new Part.Message(party.id(), provision),
                Part.Delivery.VERZONDEN,
                now,
                now);
        Part.Delivery delivered = outbox.send(
                in,
                recipient(in, party),
                provision,
                user,
                transactionId,
                cases.store().insertPart(part),
                d -> cases.store().setStatus(part.id(), d, now));
        return with(part, delivered, now);
    }

    private static Part with(Part p, Part.Status status, Instant now) {
        return new Part(p.id(), p.reference(), p.kind(), p.parentId(), p.content(), status, p.createdAt(), now);
    }

    /** The participants that are configured and have a gateway of their own (the others take part in person only). */
    private static List<GatewayConfig.Party> withGateway(Rules in, List<String> participants) {
        return participants.stream()
                .flatMap(id -> in.gateway().party(id).stream())
                .filter(p -> in.gateway().peerBase(p).isPresent())
                .toList();
    }

    private static Outbox.Recipient recipient(Rules in, GatewayConfig.Party party) {
        return new Outbox.Recipient(
                party.id(),
                party.oin(),
                in.gateway().peerBase(party).orElseThrow().resolve("verstrekkingen"));
    }

    private static Optional<Violation> outsidePurpose(Rules in, String category, String path) {
        boolean allowed = in.gateway()
                .purpose(CaseAudit.PURPOSE)
                .map(p -> p.categories().contains(category))
                .orElse(false);
        return allowed
                ? Optional.empty()
                : Optional.of(new Violation(
                        Rule.CATEGORIE_BUITEN_DOEL,
                        path,
                        "Deze categorie is niet toegestaan voor de gecoördineerde aanpak."));
    }

    private static List<String> categories(List<PeerAnswer.Person> people) {
        Set<String> names = new LinkedHashSet<>();
        people.forEach(p -> names.addAll(p.data().keySet()));
        return List.copyOf(names);
    }

    private Taken invalid(Rules in, IncomingProvisions.Checked.Ok message, String field, String transactionId) {
        return refuse(
                in,
                message.senderOin(),
                "ONGELDIG_BERICHT",
                new Taken.Refused(IncomingProvisions.Refusal.INVALID, null, field),
                transactionId);
    }

    /** Logs the refusal of a message before anything of it is kept, and says so. */
    private Taken refuse(Rules in, String senderOin, String ground, Taken.Refused refused, String transactionId) {
        auditLog.append(
                TraceIds.of(transactionId),
                List.of(audit.refused(transactionId, in, senderOin, ground, refused.field())));
        return refused;
    }
}
