package nl.wams.gateway.participation;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.PartyAdapter;
import nl.wams.adapters.TraceIds;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.adapters.peer.PeerProvision;
import nl.wams.adapters.peer.PeerReceipt;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.coordination.CaseAudit;
import nl.wams.gateway.coordination.CatalogueCheck;
import nl.wams.gateway.coordination.Outbox;
import nl.wams.gateway.coordination.Part;
import nl.wams.gateway.federation.IncomingProvisions;
import nl.wams.gateway.federation.IncomingProvisions.Taken;
import nl.wams.gateway.minimisation.MinimisationFilter;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A party's side of the coordinated approach: what the college sends (provided data, forwarded
 * meeting contributions, invitations) is held apart from the organisation's own file until a
 * professional adopts it (with the own task that needs it) or declines it; what is not adopted is
 * deleted at the end of its term. A professional contributes to a meeting with the data they judge
 * necessary, minimised by the outbound profile for the college. Adoption, decline, deletion and
 * every move are audit records; the sender may ask for the status, and nothing else.
 */
public final class Participation {

    private static final Logger log = LoggerFactory.getLogger(Participation.class);

    /** A professional's decision on received data. */
    public enum Decision {
        OVERNEMEN,
        AFWIJZEN
    }

    /** What became of a decision or a contribution. */
    public enum Outcome {
        DONE,
        NOT_FOUND,
        ALREADY_DECIDED,
        NOT_DELIVERED,
        NOTHING_TO_CONTRIBUTE,
        BACKEND_UNREACHABLE
    }

    private final IncomingProvisions incoming;
    private final ReceivedStore store;
    private final AuditLog auditLog;
    private final CaseAudit audit;
    private final ActiveRules rules;
    private final Outbox outbox;
    private final PartyAdapter backend;
    private final Clock clock;
    private final Duration term;

    public Participation(
            IncomingProvisions incoming,
            ReceivedStore store,
            AuditLog auditLog,
            CaseAudit audit,
            ActiveRules rules,
            Outbox outbox,
            PartyAdapter backend,
            Clock clock,
            Duration term) {
        this.incoming = incoming;
        this.store = store;
        this.auditLog = auditLog;
        this.audit = audit;
        this.rules = rules;
        this.outbox = outbox;
        this.backend = backend;
        this.clock = clock;
        this.term = term;
    }

    public ReceivedStore store() {
        return store;
    }

    /**
     * Takes in a signed message of the coordinated approach: verified like any peer message, only
     * from a requester this gateway serves, data within the catalogue; then held apart and logged
     * ({@code VERSTREKKING_ONTVANGEN}) in one transaction. A message already taken in is answered
     * with the same id. Fails closed.
     */
    public Taken receive(String jws, X509Certificate[] chain, String transactionId) throws SQLException {
        Rules in = rules.current();
        IncomingProvisions.Checked checked = incoming.check(jws, chain);
        if (checked instanceof IncomingProvisions.Checked.Refused refused) {
            return refuse(in, refused.senderOin(), refused.ground(), refused.taken(), transactionId);
        }
        IncomingProvisions.Checked.Ok ok = (IncomingProvisions.Checked.Ok) checked;
        PeerProvision provision = ok.provision();
        GatewayConfig.Provider provider = in.gateway().provider();
        if (provider == null || provider.served(ok.senderOin()).isEmpty()) {
            return refuse(
                    in,
                    ok.senderOin(),
                    "NIET_BEDIEND",
                    new Taken.Refused(IncomingProvisions.Refusal.NOT_SERVED, null, null),
                    transactionId);
        }
        Optional<String> problem = CatalogueCheck.firstProblem(in.catalogue(), provision.subjects());
        if (problem.isPresent()) {
            return refuse(
                    in,
                    ok.senderOin(),
                    "ONGELDIG_BERICHT",
                    new Taken.Refused(IncomingProvisions.Refusal.INVALID, null, problem.get()),
                    transactionId);
        }
        Optional<Received> earlier = store.bySender(ok.senderOin(), provision.reference());
        if (earlier.isPresent()) {
            return new Taken.Accepted(earlier.get().id());
        }
        Instant now = clock.instant();
        Received received = new Received(
                UUID.randomUUID().toString(),
                ok.senderOin(),
                provision.reference(),
                provision.kind(),
                provision,
                PeerReceipt.Status.ONTVANGEN,
                now,
                now.plus(term),
                null,
                null,
                null);
        auditLog.append(
                TraceIds.of(transactionId),
                List.of(entry(AuditEvent.VERSTREKKING_ONTVANGEN, transactionId, in, provision, "peer:" + ok.senderOin())
                        .party(null, ok.senderOin())
                        .fieldsRemoved(provision.removed())
                        .outcome(provision.kind().name(), null, null)
                        .build()),
                store.insert(received));
        return new Taken.Accepted(received.id());
    }

    /**
     * A professional adopts received data (the motivation names the own task that needs it) or
     * declines it. Final; fails closed.
     */
    public Outcome decide(String id, Decision decision, String motivation, String user, String transactionId)
            throws SQLException {
        Optional<Received> received = store.get(id);
        if (received.isEmpty()
                || received.get().provision() == null
                || received.get().kind() == PeerProvision.Kind.UITNODIGING) {
            return Outcome.NOT_FOUND;
        }
        if (received.get().status() != PeerReceipt.Status.ONTVANGEN) {
            return Outcome.ALREADY_DECIDED;
        }
        PeerReceipt.Status status =
                decision == Decision.OVERNEMEN ? PeerReceipt.Status.OVERGENOMEN : PeerReceipt.Status.AFGEWEZEN;
        Rules in = rules.current();
        try {
            auditLog.append(
                    TraceIds.of(transactionId),
                    List.of(entry(
                                    AuditEvent.ONTVANGST_BESLUIT,
                                    transactionId,
                                    in,
                                    received.get().provision(),
                                    user)
                            .party(null, received.get().senderOin())
                            .outcome(status.name(), null, motivation)
                            .build()),
                    store.decide(id, status, user, motivation, clock.instant()));
        } catch (InTransaction.Withdrawn e) {
            return Outcome.ALREADY_DECIDED;
        }
        return Outcome.DONE;
    }

    /**
     * A professional contributes to a meeting they were invited to: the chosen categories from the
     * organisation's own system, minimised by the outbound profile for the college (default deny),
     * signed and sent to the college's gateway. Fails closed.
     */
    public Outcome contribute(
            String invitationId, List<String> categories, String reason, String user, String transactionId)
            throws SQLException {
        Optional<Received> invitation = store.get(invitationId);
        if (invitation.isEmpty()
                || invitation.get().kind() != PeerProvision.Kind.UITNODIGING
                || invitation.get().provision() == null) {
            return Outcome.NOT_FOUND;
        }
        if (invitation.get().status() != PeerReceipt.Status.ONTVANGEN) {
            return Outcome.ALREADY_DECIDED;
        }
        Rules in = rules.current();
        PeerProvision asked = invitation.get().provision();
        Optional<GatewayConfig.Served> college =
                in.gateway().provider().served(invitation.get().senderOin());
        if (college.isEmpty() || college.get().url() == null) {
            return Outcome.NOT_DELIVERED;
        }
        AdapterResult result = backend.fetch(new AdapterRequest(
                transactionId,
                CaseAudit.PURPOSE,
                asked.subjects().stream()
                        .map(p -> new AdapterRequest.Subject(p.bsn(), "CLIENT"))
                        .toList(),
                categories));
        List<PeerAnswer.Person> people;
        if (result instanceof AdapterResult.Answered answered) {
            people = answered.subjects().stream()
                    .map(s -> new PeerAnswer.Person(s.bsn(), s.categories()))
                    .toList();
        } else if (result instanceof AdapterResult.NotKnown) {
            return Outcome.NOTHING_TO_CONTRIBUTE;
        } else {
            return Outcome.BACKEND_UNREACHABLE;
        }
        MinimisationFilter.People minimised =
                in.outboundTo(invitation.get().senderOin()).release(CaseAudit.PURPOSE, people);
        if (minimised.empty()) {
            return Outcome.NOTHING_TO_CONTRIBUTE;
        }
        PeerProvision contribution = new PeerProvision(
                PeerProvision.Kind.BIJDRAGE,
                UUID.randomUUID().toString(),
                asked.caseReference(),
                CaseAudit.PURPOSE,
                asked.legalBasis(),
                asked.meeting(),
                asked.meetingDate(),
                null,
                reason,
                categories,
                minimised.people(),
                minimised.removed());
        Outbox.Recipient to = new Outbox.Recipient(
                null, // a served requester is known by its OIN only
                invitation.get().senderOin(),
                URI.create(college.get().url()).resolve("bijdragen"));
        Part.Delivery delivered = outbox.send(
                in,
                to,
                contribution,
                user,
                transactionId,
                null,
                d -> d == Part.Delivery.ONTVANGEN
                        ? store.decide(invitationId, PeerReceipt.Status.BIJGEDRAGEN, user, null, clock.instant())
                        : null);
        return delivered == Part.Delivery.ONTVANGEN ? Outcome.DONE : Outcome.NOT_DELIVERED;
    }

    /** The status the sender may see of what it sent; empty when this gateway never received it from that sender. */
    public Optional<PeerReceipt.Status> status(String senderOin, String reference) throws SQLException {
        return store.bySender(senderOin, reference).map(Received::status);
    }

    /**
     * Deletes what was not adopted once its term ended, each with its record
     * {@code ONTVANGST_VERWIJDERD}. Idempotent and safe with replicas.
     *
     * @return how many this call deleted
     */
    public int deleteExpired() throws SQLException {
        Instant now = clock.instant();
        Rules in = rules.current();
        int deleted = 0;
        for (Received received : store.due(now)) {
            String transactionId = UUID.randomUUID().toString();
            try {
                auditLog.append(
                        TraceIds.of(transactionId),
                        List.of(entry(
                                        AuditEvent.ONTVANGST_VERWIJDERD,
                                        transactionId,
                                        in,
                                        received.provision(),
                                        "bewaartermijn")
                                .party(null, received.senderOin())
                                .outcome(received.status().name(), null, null)
                                .build()),
                        store.delete(received.id(), now));
                deleted++;
            } catch (InTransaction.Withdrawn e) {
                log.debug("received data deleted by another node first");
            }
        }
        return deleted;
    }

    private AuditEntry.Builder entry(
            AuditEvent event, String transactionId, Rules in, PeerProvision provision, String user) {
        AuditEntry.Builder entry = audit.entry(
                        event,
                        transactionId,
                        in,
                        provision.caseReference(),
                        provision.subjects().stream()
                                .map(PeerAnswer.Person::bsn)
                                .filter(Objects::nonNull)
                                .toList(),
                        user)
                .categories(provision.categories(), provision.dataCategories());
        if (provision.kind() == PeerProvision.Kind.MELDING) {
            // A signal the municipality's reporting point routed here: its own purpose and basis.
            entry.purpose(provision.purpose(), provision.legalBasis(), "meldpunt", provision.caseReference());
        }
        return entry;
    }

    /** Logs the refusal of a message before anything of it is kept, and says so. */
    private Taken refuse(Rules in, String senderOin, String ground, Taken.Refused refused, String transactionId) {
        auditLog.append(
                TraceIds.of(transactionId),
                List.of(audit.refused(transactionId, in, senderOin, ground, refused.field())));
        return refused;
    }
}
