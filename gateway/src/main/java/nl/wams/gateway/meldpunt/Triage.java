package nl.wams.gateway.meldpunt;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.wams.adapters.TraceIds;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.coordination.CaseStore;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reporting point's staff work on signals (role {@code meldpunt}): the worklist oldest first
 * with the first-contact deadline, reading a signal, assessing it, linking it to a case or to
 * other signals about the same person (by pseudonym), closing it with a reason, and deleting it at
 * the end of its term. Every read and change is an audit record in the same transaction.
 */
public final class Triage {

    private static final Logger log = LoggerFactory.getLogger(Triage.class);

    private final SignalStore store;
    private final CaseStore cases;
    private final AuditLog auditLog;
    private final MeldpuntAudit audit;
    private final ActiveRules rules;
    private final Clock clock;

    public Triage(
            SignalStore store,
            CaseStore cases,
            AuditLog auditLog,
            MeldpuntAudit audit,
            ActiveRules rules,
            Clock clock) {
        this.store = store;
        this.cases = cases;
        this.auditLog = auditLog;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
    }

    /** A signal as staff see it: with its routings and the other signals about the same person. */
    public record SignalView(Signal signal, List<Routing> routings, List<Signal.Summary> related) {}

    /** Staff's assessment as entered. */
    public record AssessmentInput(
            Signal.Urgency urgency, List<Signal.LifeDomain> domains, boolean moreNeeded, String note) {}

    /** The open signals, oldest first (nothing is unsealed, so nothing is logged). */
    public List<Signal.Summary> worklist(int limit) throws SQLException {
        return store.open(limit);
    }

    /** Reads a signal; logged as {@code MELDING_GELEZEN}. Fails closed. */
    public Result<SignalView> read(String reference, String user, String transactionId) throws SQLException {
        Optional<Signal> signal = store.get(reference);
        if (signal.isEmpty()) {
            return new Result.NotFound<>();
        }
        Rules in = rules.current();
        auditLog.append(
                TraceIds.of(transactionId),
                List.of(audit.entry(AuditEvent.MELDING_GELEZEN, transactionId, in, signal.get(), user)
                        .build()));
        return new Result.Done<>(view(signal.get()));
    }

    SignalView view(Signal signal) throws SQLException {
        return new SignalView(
                signal, store.routings(signal.reference()), store.aboutPerson(signal.personKey(), signal.reference()));
    }

    /** Records staff's assessment; a new signal is then being assessed. Fails closed. */
    public Result<Signal> assess(String reference, AssessmentInput input, String user, String transactionId)
            throws SQLException {
        Result<Signal> open = store.open(reference);
        if (!(open instanceof Result.Done<Signal> done)) {
            return open.failed();
        }
        Signal signal = done.value();
        Instant now = clock.instant();
        Signal.Assessment assessment =
                new Signal.Assessment(input.urgency(), input.domains(), input.moreNeeded(), input.note(), user, now);
        Signal next = with(
                signal,
                signal.details().with(assessment),
                signal.status() == Signal.Status.ONTVANGEN ? Signal.Status.IN_BEOORDELING : signal.status(),
                signal.personKey(),
                signal.caseReference());
        return change(signal, next, "BEOORDEELD", user, transactionId, null);
    }

    /**
     * Links a signal to a case of the coordinated approach ({@code caseReference}) or to another
     * signal about the same person ({@code otherReference}): both then share one person key (the
     * pseudonym of a BSN when either has one), so later signals about the person show up together.
     * Two signals with different BSNs cannot be linked. Fails closed.
     */
    public Result<Signal> link(
            String reference, String caseReference, String otherReference, String user, String transactionId)
            throws SQLException {
        Result<Signal> open = store.open(reference);
        if (!(open instanceof Result.Done<Signal> done)) {
            return open.failed();
        }
        Signal signal = done.value();
        if (caseReference != null) {
            if (!cases.exists(caseReference)) {
                return new Result.Conflict<>(Result.Why.UNKNOWN_CASE);
            }
            Signal next = with(signal, signal.details(), signal.status(), signal.personKey(), caseReference);
            return change(signal, next, "GEKOPPELD_AAN_ZAAK", user, transactionId, null);
        }
        Optional<Signal> other = otherReference == null || otherReference.equals(reference)
                ? Optional.empty()
                : store.get(otherReference);
        if (other.isEmpty()) {
            return new Result.Conflict<>(Result.Why.UNKNOWN_SIGNAL);
        }
        String mine = signal.personKey();
        String theirs = other.get().personKey();
        if (mine != null && theirs != null && !mine.equals(theirs)) {
            boolean bothKnown = !mine.startsWith(MeldpuntAudit.LINK_KEY) && !theirs.startsWith(MeldpuntAudit.LINK_KEY);
            if (bothKnown) {
                return new Result.Conflict<>(Result.Why.DIFFERENT_PERSON);
            }
        }
        String key = pick(mine, theirs);
        Signal next = with(signal, signal.details(), signal.status(), key, signal.caseReference());
        Signal otherNext = with(
                other.get(),
                other.get().details(),
                other.get().status(),
                key,
                other.get().caseReference());
        InTransaction alsoOther =
                key.equals(theirs) ? null : store.update(otherNext, other.get().status(), clock.instant());
        return change(signal, next, "GEKOPPELD_AAN_MELDING", user, transactionId, alsoOther);
    }

    /** The shared key: a BSN's pseudonym over a made key, an existing key over a new one. */
    private static String pick(String mine, String theirs) {
        if (theirs != null && !theirs.startsWith(MeldpuntAudit.LINK_KEY)) {
            return theirs;
        }
        if (mine != null && !mine.startsWith(MeldpuntAudit.LINK_KEY)) {
            return mine;
        }
        if (theirs != null) {
            return theirs;
        }
        return mine != null ? mine : MeldpuntAudit.LINK_KEY + UUID.randomUUID();
    }

    /**
     * Closes a signal with a reason ({@link Signal.CloseReason#ANDERS} needs a note). Its term
     * starts: {@code not-routed-term} from now when it was never routed; a routed signal keeps its
     * own term from the routing. Fails closed.
     */
    public Result<Signal> close(
            String reference, Signal.CloseReason reason, String note, String user, String transactionId)
            throws SQLException {
        Result<Signal> open = store.open(reference);
        if (!(open instanceof Result.Done<Signal> done)) {
            return open.failed();
        }
        Signal signal = done.value();
        if (reason == Signal.CloseReason.ANDERS && (note == null || note.isBlank())) {
            return new Result.Conflict<>(Result.Why.NOTE_REQUIRED);
        }
        Instant now = clock.instant();
        GatewayConfig.Meldpunt meldpunt = rules.current().gateway().meldpunt();
        Instant deleteAfter = signal.routedAt() != null
                ? signal.routedAt().plus(meldpunt.routedTerm())
                : now.plus(meldpunt.notRoutedTerm());
        Signal next = new Signal(
                signal.reference(),
                signal.details().with(new Signal.Closure(reason, note, user, now)),
                Signal.Status.GESLOTEN,
                signal.channel(),
                signal.personKey(),
                signal.caseReference(),
                signal.receivedAt(),
                signal.firstContactBy(),
                signal.routedAt(),
                now,
                deleteAfter);
        return change(signal, next, reason.name(), user, transactionId, null, AuditEvent.MELDING_GESLOTEN);
    }

    /**
     * Deletes every signal past its term with its routings, each with a {@code MELDING_VERWIJDERD}
     * record in the same transaction; a signal another node deleted first is skipped silently.
     */
    public int deleteExpired() throws SQLException {
        Instant now = clock.instant();
        Rules in = rules.current();
        int deleted = 0;
        for (String reference : store.due(now)) {
            Optional<Signal> signal = store.get(reference);
            if (signal.isEmpty()) {
                continue;
            }
            String tx = UUID.randomUUID().toString();
            try {
                auditLog.append(
                        TraceIds.of(tx),
                        List.of(audit.entry(
                                        AuditEvent.MELDING_VERWIJDERD, tx, in, signal.get(), "meldpunt-bewaartermijn")
                                .outcome(signal.get().status().name(), null, null)
                                .build()),
                        store.delete(reference, now));
                deleted++;
            } catch (InTransaction.Withdrawn e) {
                log.debug("signal deleted by another node first");
            }
        }
        return deleted;
    }

    private Result<Signal> change(
            Signal before, Signal next, String outcome, String user, String transactionId, InTransaction also)
            throws SQLException {
        return change(before, next, outcome, user, transactionId, also, AuditEvent.MELDING_BEOORDEELD);
    }

    private Result<Signal> change(
            Signal before,
            Signal next,
            String outcome,
            String user,
            String transactionId,
            InTransaction also,
            AuditEvent event) {
        Rules in = rules.current();
        InTransaction update = store.update(next, before.status(), clock.instant());
        try {
            auditLog.append(
                    TraceIds.of(transactionId),
                    List.of(audit.entry(event, transactionId, in, next, user)
                            .outcome(outcome, null, null)
                            .build()),
                    also == null ? update : update.andThen(also));
        } catch (InTransaction.Withdrawn e) {
            return new Result.Conflict<>(Result.Why.CHANGED);
        }
        return new Result.Done<>(next);
    }

    private static Signal with(
            Signal s, Signal.Details details, Signal.Status status, String personKey, String caseReference) {
        return new Signal(
                s.reference(),
                details,
                status,
                s.channel(),
                personKey,
                caseReference,
                s.receivedAt(),
                s.firstContactBy(),
                s.routedAt(),
                s.closedAt(),
                s.deleteAfter());
    }
}
