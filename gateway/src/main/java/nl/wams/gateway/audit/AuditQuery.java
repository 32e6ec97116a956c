package nl.wams.gateway.audit;

import java.time.Instant;

/** Filters for the auditor's view; null means "any". Pages are 1-based. */
public record AuditQuery(
        String caseRef,
        String partyId,
        String purpose,
        String outcome,
        Instant from,
        Instant to,
        int page,
        int pageSize) {}
