package nl.wams.gateway.audit;

import java.sql.SQLException;
import java.util.List;
import nl.wams.adapters.TraceIds;
import nl.wams.gateway.config.GatewayConfig;

/**
 * A citizen's access request (AVG art. 15) as the gateway answers it: every processing about the
 * person, and the access itself recorded as processing ({@code INZAGEVERZOEK}) before the report
 * leaves the gateway; likewise a privacy officer's search of the log for one person
 * ({@code LOGBOEK_DOORZOCHT}). Fails closed: when the record cannot be written, it throws and no report is
 * given.
 */
public final class AccessRequests {

    private final SubjectReport reports;
    private final AuditLog log;
    private final GatewayConfig.Identity identity;

    public AccessRequests(SubjectReport reports, AuditLog log, GatewayConfig.Identity identity) {
        this.reports = reports;
        this.log = log;
        this.identity = identity;
    }

    /**
     * The processings about the person with this BSN, after recording who asked.
     *
     * @param caller the reference of the person who asked (the token's subject)
     */
    public List<SubjectReport.Processing> report(String bsn, String transactionId, String caller) throws SQLException {
        List<SubjectReport.Processing> processings = reports.forBsn(bsn);
        log.append(
                TraceIds.of(transactionId),
                List.of(AuditEntry.of(AuditEvent.INZAGEVERZOEK, transactionId)
                        .requester(identity.oin(), caller)
                        .subjects(List.of(reports.pseudonym(bsn)))
                        .outcome("VERSTREKT", null, processings.size() + " verwerking(en)")
                        .build()));
        return processings;
    }

    /**
     * Records that someone searched the log for one person's records (by pseudonym), before the
     * records are shown: looking up a person in the log is itself a processing of their data. Fails
     * closed: when the record cannot be written, it throws and nothing is shown.
     *
     * @param caller the reference of the person who searched
     * @param found how many records the search found (no content)
     */
    public void searched(String pseudonym, String transactionId, String caller, long found) {
        log.append(
                TraceIds.of(transactionId),
                List.of(AuditEntry.of(AuditEvent.LOGBOEK_DOORZOCHT, transactionId)
                        .requester(identity.oin(), caller)
                        .subjects(List.of(pseudonym))
                        .outcome("GETOOND", null, found + " vastlegging(en)")
                        .build()));
    }
}
