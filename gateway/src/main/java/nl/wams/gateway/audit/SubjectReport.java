package nl.wams.gateway.audit;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wams.gateway.config.GatewayConfig;

/**
 * The AVG art. 15 access report: every processing concerning one person, as the audit log
 * proves it. Built from pseudonymised records; the BSN is only used to compute the pseudonym.
 */
public final class SubjectReport {

    private final AuditStore store;
    private final Pseudonyms pseudonyms;
    private final GatewayConfig config;

    public SubjectReport(AuditStore store, Pseudonyms pseudonyms, GatewayConfig config) {
        this.store = store;
        this.pseudonyms = pseudonyms;
        this.config = config;
    }

    /** One processing: a request and what each party did with it. */
    public record Processing(
            String time,
            String transactionId,
            String requesterOin,
            String requesterName,
            String purpose,
            String legalBasis,
            String legalBasisText,
            String phase,
            String outcome,
            String ground,
            List<PartyProcessing> parties) {}

    /** What one party was asked and what it answered. */
    public record PartyProcessing(
            String party,
            String partyName,
            List<String> categoriesAsked,
            List<String> categoriesReleased,
            String outcome,
            String ground,
            String motivation) {}

    /** Events of the coordinated approach: a processing of its own, named by its first event. */
    private static final java.util.Set<AuditEvent> COORDINATION = java.util.EnumSet.of(
            AuditEvent.ZAAK_AANGEMAAKT,
            AuditEvent.ZAAK_GELEZEN,
            AuditEvent.ZAAK_GEWIJZIGD,
            AuditEvent.ZAAK_VERWIJDERD,
            AuditEvent.CLIENTBRIEF_OPGEMAAKT,
            AuditEvent.VERSTREKKING_VERSTUURD,
            AuditEvent.VERSTREKKING_AFGELEVERD,
            AuditEvent.VERSTREKKING_ONTVANGEN,
            AuditEvent.ONTVANGST_BESLUIT,
            AuditEvent.ONTVANGST_VERWIJDERD,
            AuditEvent.MELDING_ONTVANGEN,
            AuditEvent.MELDING_GEDAAN,
            AuditEvent.MELDING_GELEZEN,
            AuditEvent.MELDING_BEOORDEELD,
            AuditEvent.MELDING_DOORGELEID,
            AuditEvent.MELDING_LOKETANTWOORD,
            AuditEvent.MELDING_GESLOTEN,
            AuditEvent.MELDING_VERWIJDERD);

    private String deskName(String id) {
        if (config.meldpunt() != null) {
            Optional<GatewayConfig.Desk> desk = config.meldpunt().desk(id);
            if (desk.isPresent()) {
                return desk.get().name();
            }
        }
        return config.partyName(id);
    }

    public String pseudonym(String bsn) {
        return pseudonyms.of(bsn);
    }

    public List<Processing> forBsn(String bsn) throws SQLException {
        Map<String, List<AuditRecord>> byTransaction = new LinkedHashMap<>();
        for (AuditRecord record : store.bySubject(pseudonyms.of(bsn))) {
            if (record.entry().event() == AuditEvent.INZAGEVERZOEK
                    || record.entry().event() == AuditEvent.LOGBOEK_DOORZOCHT) {
                continue;
            }
            byTransaction
                    .computeIfAbsent(record.entry().transactionId(), t -> new ArrayList<>())
                    .add(record);
        }
        List<Processing> processings = new ArrayList<>();
        byTransaction.values().forEach(records -> processings.add(processing(records)));
        return processings;
    }

    private Processing processing(List<AuditRecord> records) {
        AuditRecord first = records.get(0);
        AuditEntry e = first.entry();
        List<PartyProcessing> parties = new ArrayList<>();
        String outcome = COORDINATION.contains(e.event()) ? e.event().name() : "IN_BEHANDELING";
        String ground = null;
        for (AuditRecord record : records) {
            AuditEntry r = record.entry();
            switch (r.event()) {
                case VERZOEK_GEWEIGERD -> {
                    outcome = "GEWEIGERD_DOOR_GEMEENTE";
                    ground = r.ground();
                }
                case ANTWOORD_VRIJGEGEVEN -> outcome = "AFGEROND";
                case ANTWOORD_ONTVANGEN, ANTWOORD_GEWEIGERD, ANTWOORD_MISLUKT ->
                    parties.add(new PartyProcessing(
                            r.partyId(),
                            config.partyName(r.partyId()),
                            r.categoriesAsked(),
                            r.categoriesReleased(),
                            r.outcome(),
                            r.ground(),
                            r.event() == AuditEvent.ANTWOORD_GEWEIGERD ? r.motivation() : null));
                // The coordinated approach: each move with the other organisation and what it was
                // (provision, contribution, invitation, adoption, deletion); never the data itself.
                case VERSTREKKING_VERSTUURD,
                        VERSTREKKING_AFGELEVERD,
                        VERSTREKKING_ONTVANGEN,
                        ONTVANGST_BESLUIT,
                        ONTVANGST_VERWIJDERD -> {
                    String party = r.partyId() != null ? r.partyId() : r.partyOin();
                    parties.add(new PartyProcessing(
                            party,
                            r.partyId() != null ? config.partyName(r.partyId()) : r.partyOin(),
                            r.categoriesAsked(),
                            r.categoriesReleased(),
                            r.event().name() + ":" + r.outcome(),
                            null,
                            null));
                }
                // The reporting point: where a signal about the person went and what the desk did;
                // never who reported it (AVG art. 15(4)): the records do not name the reporter.
                case MELDING_DOORGELEID, MELDING_LOKETANTWOORD ->
                    parties.add(new PartyProcessing(
                            r.partyId(),
                            deskName(r.partyId()),
                            r.categoriesAsked(),
                            r.categoriesReleased(),
                            r.event().name() + ":" + r.outcome(),
                            null,
                            null));
                default -> {}
            }
        }
        Optional<GatewayConfig.Purpose> purpose = config.purpose(e.purpose() == null ? "" : e.purpose());
        String legalBasisText = purpose.map(p -> p.legalBasis().text()).orElse(null);
        if (config.meldpunt() != null
                && config.meldpunt().legalBasis() != null
                && (GatewayConfig.Meldpunt.PURPOSE.equals(e.purpose())
                        || GatewayConfig.Meldpunt.ROUTING_PURPOSE.equals(e.purpose()))) {
            legalBasisText = config.meldpunt().legalBasis().text();
        }
        return new Processing(
                first.occurredAt(),
                e.transactionId(),
                e.requesterOin(),
                config.identity().oin().equals(e.requesterOin())
                        ? config.identity().name()
                        : e.requesterOin(),
                e.purpose(),
                e.legalBasis(),
                legalBasisText,
                e.phase(),
                outcome,
                ground,
                parties);
    }
}
