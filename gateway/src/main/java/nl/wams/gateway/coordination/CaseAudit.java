package nl.wams.gateway.coordination;

import java.util.List;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.register.Rules;

/**
 * How the coordinated approach is written in the audit log, on both sides of the federation:
 * purpose {@code gecoordineerde-aanpak} with the legal basis the purpose register names, the case
 * reference, the people as pseudonyms, and what the event needs besides (party, categories,
 * removed field names, decision). One place, so every move reads the same.
 */
public record CaseAudit(String ownOin, Pseudonyms pseudonyms) {

    /** The purpose every record of the coordinated approach names. */
    public static final String PURPOSE = "gecoordineerde-aanpak";

    /** The phase of the approach, as the purpose register names it. */
    static final String PHASE = "aanpak";

    /** An entry of {@code event} about a case and its people, by {@code user}, under {@code rules}. */
    public AuditEntry.Builder entry(
            AuditEvent event, String transactionId, Rules rules, String caseRef, List<String> bsns, String user) {
        return AuditEntry.of(event, transactionId)
                .requester(ownOin, user)
                .purpose(PURPOSE, legalBasis(rules.gateway()), PHASE, caseRef)
                .subjects(bsns.stream().map(pseudonyms::of).toList())
                .configVersion(rules.version());
    }

    /**
     * A message of the coordinated approach refused before anything of it was kept: who sent it
     * (the TLS peer, when known), the ground, and the field that was wrong; never its content.
     */
    public AuditEntry refused(String transactionId, Rules rules, String senderOin, String ground, String field) {
        return AuditEntry.of(AuditEvent.VERSTREKKING_GEWEIGERD, transactionId)
                .requester(senderOin, senderOin == null ? null : "peer:" + senderOin)
                .purpose(PURPOSE, null, null, null)
                .outcome("GEWEIGERD", ground, field == null ? null : "field " + field)
                .configVersion(rules.version())
                .build();
    }

    /** The legal basis the purpose register names for the coordinated approach, or null when it has none. */
    public static String legalBasis(GatewayConfig gateway) {
        return gateway.purpose(PURPOSE)
                .map(p -> p.legalBasis() == null ? null : p.legalBasis().id())
                .orElse(null);
    }
}
