package nl.wams.gateway.audit;

import java.time.Instant;

/**
 * Filters for the auditor's view; null means "any". Pages are 1-based.
 *
 * @param event one kind of record
 * @param subject a person's pseudonym (never a BSN: the caller pseudonymises first)
 */
public record AuditQuery(
        String caseRef,
        String partyId,
        String purpose,
        String outcome,
        Instant from,
        Instant to,
        AuditEvent event,
        String subject,
        int page,
        int pageSize) {

    /** Without an event or subject filter. */
    public AuditQuery(
            String caseRef,
            String partyId,
            String purpose,
            String outcome,
            Instant from,
            Instant to,
            int page,
            int pageSize) {
        this(caseRef, partyId, purpose, outcome, from, to, null, null, page, pageSize);
    }
}
