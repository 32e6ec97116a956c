package nl.wams.gateway.meldpunt;

import java.util.List;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.GatewayConfig.Meldpunt;
import nl.wams.gateway.register.Rules;

/**
 * How the reporting point writes the audit log: purpose {@code meldpunt} (routing: {@code
 * meldpunt-doorgeleiding}) with the configured legal basis, the signal's reference as the case
 * reference, the person as a pseudonym when known. Never the reporter: the person a signal is
 * about finds it in their access report without learning who reported it (AVG art. 15(4), 23).
 */
record MeldpuntAudit(String ownOin) {

    /** Person keys staff made for signals without a BSN start with this; they are not pseudonyms of a BSN. */
    static final String LINK_KEY = "K-";

    AuditEntry.Builder entry(AuditEvent event, String transactionId, Rules rules, Signal signal, String user) {
        String purpose = event == AuditEvent.MELDING_DOORGELEID || event == AuditEvent.MELDING_LOKETANTWOORD
                ? Meldpunt.ROUTING_PURPOSE
                : Meldpunt.PURPOSE;
        return AuditEntry.of(event, transactionId)
                .requester(ownOin, user)
                .purpose(purpose, legalBasis(rules.gateway()), Meldpunt.PHASE, signal.reference())
                .subjects(subjects(signal))
                .configVersion(rules.version());
    }

    /** The reporter's own record: their pseudonym, the signal's reference, nothing about the person or the content. */
    AuditEntry reporter(String transactionId, Rules rules, Signal signal, String reporterPseudonym) {
        return AuditEntry.of(AuditEvent.MELDING_GEDAAN, transactionId)
                .requester(ownOin, null)
                .purpose(Meldpunt.PURPOSE, legalBasis(rules.gateway()), Meldpunt.PHASE, signal.reference())
                .subjects(List.of(reporterPseudonym))
                .outcome(signal.channel().name(), null, null)
                .configVersion(rules.version())
                .build();
    }

    private static List<String> subjects(Signal signal) {
        return signal.personKey() == null || signal.personKey().startsWith(LINK_KEY)
                ? List.of()
                : List.of(signal.personKey());
    }

    static String legalBasis(GatewayConfig gateway) {
        return gateway.meldpunt() == null || gateway.meldpunt().legalBasis() == null
                ? null
                : gateway.meldpunt().legalBasis().id();
    }
}
