package nl.wams.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.wams.gateway.config.Catalogue;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.storage.StoredTime;

/**
 * Writes the log as JSON lines in two shapes: Logboek Dataverwerkingen style (one line per record
 * and subject, OpenTelemetry-like spans with {@code dpl.core.*} attributes) and VNG
 * Verwerkingenlogging {@code Verwerkingsactie} records. Subjects stay pseudonymised in both.
 */
public final class AuditExport {

    /** The export formats. */
    public enum Format {
        LOGBOEK,
        VERWERKINGENLOGGING
    }

    static final String SYSTEM = "wams-gateway 0.1.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FAILED = Set.of("GEWEIGERD", "NIET_BEREIKBAAR", "ONGELDIG_ANTWOORD");

    private final AuditStore store;
    private final GatewayConfig config;
    private final Catalogue catalogue;

    public AuditExport(AuditStore store, GatewayConfig config, Catalogue catalogue) {
        this.store = store;
        this.config = config;
        this.catalogue = catalogue;
    }

    /** Writes every record in [from, to) and returns how many lines were written. */
    public long write(Format format, Instant from, Instant to, Writer out) throws SQLException {
        long[] lines = {0};
        store.forEachBetween(StoredTime.format(from), StoredTime.format(to), record -> {
            List<ObjectNode> nodes =
                    format == Format.LOGBOEK ? List.copyOf(logboek(record)) : List.of(verwerkingsactie(record));
            for (ObjectNode node : nodes) {
                try {
                    out.write(JSON.writeValueAsString(node));
                    out.write('\n');
                    lines[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        return lines[0];
    }

    List<ObjectNode> logboek(AuditRecord record) {
        AuditEntry e = record.entry();
        List<String> subjects = e.subjects().isEmpty() ? Collections.singletonList(null) : e.subjects();
        return subjects.stream()
                .map(subject -> {
                    ObjectNode line = JSON.createObjectNode();
                    line.put("trace_id", record.traceId());
                    line.put("span_id", record.spanId());
                    line.put("name", e.event().name());
                    line.put("start_time", record.occurredAt());
                    line.put("end_time", record.occurredAt());
                    line.put(
                            "status_code",
                            e.outcome() != null && FAILED.contains(e.outcome())
                                    ? "STATUS_CODE_ERROR"
                                    : "STATUS_CODE_OK");
                    ObjectNode resource = line.putObject("resource");
                    resource.put("service.name", "wams-gateway");
                    resource.put("service.version", "0.1.0");
                    resource.put("organization.oin", config.identity().oin());
                    ObjectNode attributes = line.putObject("attributes");
                    attributes.put(
                            "dpl.core.processing_activity_id", e.purpose() == null ? null : "doel:" + e.purpose());
                    attributes.put("dpl.core.legal_basis", e.legalBasis());
                    if (subject != null) {
                        attributes.put("dpl.core.data_subject_id", subject);
                        attributes.put("dpl.core.data_subject_id_type", "hmac-sha256-pseudoniem");
                    }
                    attributes.put("dpl.core.user", e.userRef());
                    attributes.put("fsc.transaction_id", e.transactionId());
                    attributes.put("wams.record_id", record.recordId());
                    attributes.put("wams.party", e.partyId());
                    attributes.put("wams.party_oin", e.partyOin());
                    attributes.put("wams.case_ref", e.caseRef());
                    attributes.put("wams.outcome", e.outcome());
                    attributes.put("wams.ground", e.ground());
                    return line;
                })
                .toList();
    }

    ObjectNode verwerkingsactie(AuditRecord record) {
        AuditEntry e = record.entry();
        ObjectNode actie = JSON.createObjectNode();
        actie.put("url", "urn:uuid:" + record.recordId());
        actie.put("actieId", record.recordId());
        actie.put("actieNaam", e.event().name());
        if (e.phase() != null) {
            actie.put("handelingNaam", e.phase());
        }
        if (e.purpose() != null) {
            actie.put("verwerkingNaam", e.purpose());
        }
        actie.put("verwerkingId", e.transactionId());
        actie.put("vertrouwelijkheid", sensitive(e) ? "vertrouwelijk" : "normaal");
        actie.put("uitvoerder", config.identity().oin());
        actie.put("systeem", SYSTEM);
        if (e.userRef() != null) {
            actie.put("gebruiker", e.userRef().length() > 40 ? e.userRef().substring(0, 40) : e.userRef());
        }
        if (e.partyId() != null) {
            actie.put("gegevensbron", e.partyId());
        }
        if (e.requesterOin() != null) {
            actie.put("soortAfnemerId", "OIN");
            actie.put("afnemerId", e.requesterOin());
        }
        actie.put("tijdstip", record.occurredAt());
        actie.put("tijdstipRegistratie", record.occurredAt());
        ArrayNode objects = actie.putArray("verwerkteObjecten");
        for (String subject : e.subjects()) {
            ObjectNode object = objects.addObject();
            String id = UUID.nameUUIDFromBytes((record.recordId() + subject).getBytes(StandardCharsets.UTF_8))
                    .toString();
            object.put("url", "urn:uuid:" + id);
            object.put("verwerktObjectId", id);
            object.put("objecttype", "persoon");
            object.put("soortObjectId", "pseudoniem");
            object.put("objectId", subject);
            object.put("betrokkenheid", "betrokkene");
            ArrayNode kinds = object.putArray("verwerkteSoortenGegevens");
            List<String> categories = e.categoriesReleased().isEmpty() ? e.categoriesAsked() : e.categoriesReleased();
            categories.forEach(c -> kinds.addObject().put("soortGegeven", c));
        }
        return actie;
    }

    private boolean sensitive(AuditEntry e) {
        return e.categoriesAsked().stream()
                .map(catalogue::category)
                .flatMap(Optional::stream)
                .anyMatch(c -> c.sensitivity() != Catalogue.Sensitivity.NORMAL);
    }
}
