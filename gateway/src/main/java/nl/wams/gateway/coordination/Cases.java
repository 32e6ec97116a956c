package nl.wams.gateway.coordination;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.wams.adapters.TraceIds;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.policy.PolicyRefusedException;
import nl.wams.gateway.policy.Rule;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The college's cases and their coördinatiedossier: create, read, change, close, and the deletion
 * of a closed case at the end of its retention term. Every read and change is in the audit log,
 * committed together with the change (fail closed: without the record, nothing is read or
 * changed).
 */
public final class Cases {

    private static final Logger log = LoggerFactory.getLogger(Cases.class);

    /** What became of an action on a case (or on something of a case). */
    public sealed interface Result<T> {
        record Done<T>(T value) implements Result<T> {}

        record NotFound<T>() implements Result<T> {}

        record Conflict<T>(Why why) implements Result<T> {}

        /** Why the case is not in a state that allows the action. */
        enum Why {
            EXISTS,
            CLOSED
        }

        /** This result, which is not {@link Done}, as the result of another action. */
        @SuppressWarnings("unchecked")
        default <U> Result<U> failed() {
            if (this instanceof Done<T>) {
                throw new IllegalStateException("not a failure");
            }
            return (Result<U>) this;
        }
    }

    /** A case with its dossier, as read. */
    public record CaseView(Case zaak, List<Part> parts) {}

    private final CaseStore store;
    private final AuditLog auditLog;
    private final CaseAudit audit;
    private final ActiveRules rules;
    private final Clock clock;
    private final Duration retention;

    public Cases(
            CaseStore store, AuditLog auditLog, CaseAudit audit, ActiveRules rules, Clock clock, Duration retention) {
        this.store = store;
        this.auditLog = auditLog;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
        this.retention = retention;
    }

    public CaseStore store() {
        return store;
    }

    /**
     * Creates a case; every broken rule (coordinator, unknown party) is logged as a refusal and
     * thrown as {@link PolicyRefusedException}. Fails closed.
     */
    public Result<CaseView> create(String reference, Case.Details details, String user, String transactionId)
            throws SQLException {
        Rules in = rules.current();
        check(in, reference, details, user, transactionId);
        if (store.get(reference).isPresent()) {
            return new Result.Conflict<>(Result.Why.EXISTS);
        }
        Case zaak = new Case(reference, details, Case.Status.OPEN, clock.instant(), null, null);
        auditLog.append(
                TraceIds.of(transactionId),
                List.of(audit.entry(AuditEvent.ZAAK_AANGEMAAKT, transactionId, in, reference, details.bsns(), user)
                        .outcome(
                                details.coordinatorWaived() ? "AANGEMAAKT_ZONDER_COORDINATOR" : "AANGEMAAKT",
                                null,
                                null)
                        .build()),
                store.insert(zaak));
        return new Result.Done<>(new CaseView(zaak, List.of()));
    }

    /** Reads a case and its dossier; the read is logged first (fails closed). */
    public Result<CaseView> read(String reference, String user, String transactionId) throws SQLException {
        Optional<Case> zaak = store.get(reference);
        if (zaak.isEmpty()) {
            return new Result.NotFound<>();
        }
        auditLog.append(
                TraceIds.of(transactionId),
                List.of(entry(AuditEvent.ZAAK_GELEZEN, zaak.get(), user, transactionId)
                        .build()));
        return new Result.Done<>(new CaseView(zaak.get(), store.parts(reference)));
    }

    /** Open and closed cases, newest first; nothing personal, nothing unsealed. */
    public List<Case.Summary> list(int limit) throws SQLException {
        return store.list(limit);
    }

    /** The case if it exists and is open; else why not. */
    Result<Case> openCase(String reference) throws SQLException {
        Optional<Case> zaak = store.get(reference);
        if (zaak.isEmpty()) {
            return new Result.NotFound<>();
        }
        return zaak.get().open() ? new Result.Done<>(zaak.get()) : new Result.Conflict<>(Result.Why.CLOSED);
    }

    /** Replaces what is recorded about an open case (the rules are checked again). Fails closed. */
    public Result<CaseView> change(String reference, Case.Details details, String user, String transactionId)
            throws SQLException {
        check(rules.current(), reference, details, user, transactionId);
        Result<Case> open = openCase(reference);
        if (!(open instanceof Result.Done<Case> existing)) {
            return open.failed();
        }
        Case changed =
                new Case(reference, details, Case.Status.OPEN, existing.value().createdAt(), null, null);
        changed(changed, "GEWIJZIGD", user, transactionId, store.update(changed, clock.instant()));
        return new Result.Done<>(new CaseView(changed, store.parts(reference)));
    }

    /** Closes a case: its retention term starts now. Fails closed. */
    public Result<CaseView> close(String reference, String user, String transactionId) throws SQLException {
        Result<Case> open = openCase(reference);
        if (!(open instanceof Result.Done<Case> existing)) {
            return open.failed();
        }
        Instant now = clock.instant();
        Case closed = new Case(
                reference,
                existing.value().details(),
                Case.Status.GESLOTEN,
                existing.value().createdAt(),
                now,
                now.plus(retention));
        changed(closed, "GESLOTEN", user, transactionId, store.update(closed, now));
        return new Result.Done<>(new CaseView(closed, store.parts(reference)));
    }

    /** Adds an agreement, a progress note or an adjustment to an open case's dossier. Fails closed. */
    public Result<Part> addToDossier(
            String reference, Part.Kind kind, Part.Content content, String user, String transactionId)
            throws SQLException {
        if (kind != Part.Kind.AFSPRAAK && kind != Part.Kind.VOORTGANG && kind != Part.Kind.BIJSTELLING) {
            throw new IllegalArgumentException("not a dossier entry: " + kind);
        }
        Result<Case> open = openCase(reference);
        if (!(open instanceof Result.Done<Case> zaak)) {
            return open.failed();
        }
        Instant now = clock.instant();
        Part part = new Part(
                UUID.randomUUID().toString(),
                reference,
                kind,
                null,
                content,
                kind == Part.Kind.AFSPRAAK ? Part.AgreementStatus.OPEN : null,
                now,
                now);
        changed(zaak.value(), kind.name(), user, transactionId, store.insertPart(part));
        return new Result.Done<>(part);
    }

    /** Sets the status of an agreement. Fails closed. */
    public Result<Part> agreementStatus(
            String reference, String partId, Part.AgreementStatus status, String user, String transactionId)
            throws SQLException {
        Optional<Part> part = store.part(partId);
        if (part.isEmpty()
                || !part.get().reference().equals(reference)
                || part.get().kind() != Part.Kind.AFSPRAAK) {
            return new Result.NotFound<>();
        }
        Result<Case> open = openCase(reference);
        if (!(open instanceof Result.Done<Case> zaak)) {
            return open.failed();
        }
        Instant now = clock.instant();
        changed(zaak.value(), "AFSPRAAK_" + status.name(), user, transactionId, store.setStatus(partId, status, now));
        Part p = part.get();
        return new Result.Done<>(
                new Part(p.id(), p.reference(), p.kind(), p.parentId(), p.content(), status, p.createdAt(), now));
    }

    /** Logs a change of an open case together with it. */
    void changed(Case zaak, String what, String user, String transactionId, InTransaction change) {
        auditLog.append(
                TraceIds.of(transactionId),
                List.of(entry(AuditEvent.ZAAK_GEWIJZIGD, zaak, user, transactionId)
                        .outcome(what, null, null)
                        .build()),
                change);
    }

    /**
     * When a rule is broken: logs the refusal ({@code entry}, with the first rule as its ground) and
     * throws every violation as {@link PolicyRefusedException}; nothing else happens.
     */
    void refuseIfBroken(String transactionId, AuditEntry.Builder entry, List<Violation> violations) {
        if (violations.isEmpty()) {
            return;
        }
        auditLog.append(
                TraceIds.of(transactionId),
                List.of(entry.outcome("GEWEIGERD", violations.get(0).rule().name(), null)
                        .build()));
        throw new PolicyRefusedException(violations);
    }

    /**
     * Deletes every closed case whose retention term has ended, each in one transaction with its
     * audit record {@code ZAAK_VERWIJDERD}. Idempotent and safe with replicas sharing the database:
     * a case another replica deleted first is skipped without a record.
     *
     * @return how many cases this call deleted
     */
    public int deleteExpired() throws SQLException {
        Instant now = clock.instant();
        int deleted = 0;
        for (String reference : store.due(now)) {
            Optional<Case> zaak = store.get(reference);
            if (zaak.isEmpty()) {
                continue;
            }
            String transactionId = UUID.randomUUID().toString();
            try {
                auditLog.append(
                        TraceIds.of(transactionId),
                        List.of(entry(AuditEvent.ZAAK_VERWIJDERD, zaak.get(), "bewaartermijn", transactionId)
                                .outcome("VERWIJDERD", null, null)
                                .build()),
                        store.delete(reference, now));
                deleted++;
            } catch (InTransaction.Withdrawn e) {
                log.debug("case deleted by another node first");
            }
        }
        return deleted;
    }

    private AuditEntry.Builder entry(AuditEvent event, Case zaak, String user, String transactionId) {
        return audit.entry(
                event,
                transactionId,
                rules.current(),
                zaak.reference(),
                zaak.details().bsns(),
                user);
    }

    private void check(Rules in, String reference, Case.Details details, String user, String transactionId) {
        List<Violation> violations = new ArrayList<>(CoordinatorRule.check(details));
        for (int i = 0; i < details.parties().size(); i++) {
            if (in.gateway().party(details.parties().get(i)).isEmpty()) {
                violations.add(new Violation(
                        Rule.ONBEKENDE_PARTIJ, "partijen[" + i + "]", "Deze partij is niet geconfigureerd."));
            }
        }
        refuseIfBroken(
                transactionId,
                audit.entry(AuditEvent.ZAAK_GEWIJZIGD, transactionId, in, reference, details.bsns(), user),
                violations);
    }
}
