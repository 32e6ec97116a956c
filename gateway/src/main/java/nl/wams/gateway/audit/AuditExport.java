package nl.wams.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.wams.gateway.config.Catalogue;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.storage.StoredTime;

/**
 * Writes the log as JSON lines in three shapes (docs/audit.md): Logius Logboek Dataverwerkingen
 * (one line per record and subject), VNG Verwerkingenlogging {@code Verwerkingsactie} records, and
 * the FSC transaction log (one line per exchange with another organisation). Subjects stay
 * pseudonymised; no export names a user.
 */
public final class AuditExport {

    /** The export formats. */
    public enum Format {
        LOGBOEK,
        VERWERKINGENLOGGING,
        FSC,
        /** What {@code audit reconcile} compares: own checkpoints, witnessed checkpoints, exchanges. */
        CONTROLE
    }

    private static final String OPERATION = "urn:wams-gateway:handeling:";
    private static final String SUBJECT_ID_TYPE = "urn:wams-gateway:pseudoniem:hmac-sha256:bsn";
    private static final String UNSET = "STATUS_CODE_UNSET";
    private static final String ERROR = "STATUS_CODE_ERROR";

    static final String SYSTEM = "wams-gateway 0.1.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Outcomes of a failure at another system or in transport (server-side in the standard's terms); a refusal is not one. */
    private static final Set<String> FAILED = Set.of("NIET_BEREIKBAAR", "ONGELDIG_ANTWOORD", "NIET_AFGELEVERD");

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
        if (format == Format.CONTROLE) {
            for (String node : store.nodes()) {
                for (AuditStore.StoredCheckpoint checkpoint : store.checkpoints(node)) {
                    line(
                            out,
                            JSON.createObjectNode()
                                    .put("soort", "controlepunt")
                                    .put("oin", config.identity().oin())
                                    .put("node", node)
                                    .put("seq", checkpoint.seq())
                                    .put("hash", checkpoint.hash()));
                    lines[0]++;
                }
            }
        }
        store.forEachBetween(StoredTime.format(from), StoredTime.format(to), record -> {
            List<ObjectNode> nodes = switch (format) {
                case LOGBOEK -> logboek(record);
                case VERWERKINGENLOGGING -> List.of(verwerkingsactie(record));
                case FSC -> fsc(record).map(List::of).orElse(List.of());
                case CONTROLE -> controle(record).map(List::of).orElse(List.of());
            };
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

    /**
     * One Logboek Dataverwerkingen line per record and subject: the interface's fields (ids as hex,
     * times in milliseconds, the status enum), attributes as a key-value list with {@code dpl.}
     * names only and no user identity, and {@code foreign_operation} on an exchange with another
     * organisation, pointing at that organisation's record of the same exchange.
     */
    List<ObjectNode> logboek(AuditRecord record) {
        AuditEntry e = record.entry();
        List<String> subjects = e.subjects().isEmpty() ? Collections.singletonList(null) : e.subjects();
        Optional<Exchange> exchange = exchange(e);
        long millis = Instant.parse(record.occurredAt()).toEpochMilli();
        return subjects.stream()
                .map(subject -> {
                    ObjectNode line = JSON.createObjectNode();
                    line.put("trace_id", record.traceId());
                    line.put(
                            "span_id",
                            exchange.map(x -> x.ownSpan(record.traceId())).orElse(record.spanId()));
                    line.put("operation_id", OPERATION + e.event().name().toLowerCase(Locale.ROOT));
                    line.put("name", e.event().name());
                    line.put("status_code", e.outcome() != null && FAILED.contains(e.outcome()) ? ERROR : UNSET);
                    line.put("start_time", millis);
                    line.put("end_time", millis);
                    exchange.ifPresent(x -> line.putObject("foreign_operation")
                            .put("trace_id", record.traceId())
                            .put("span_id", x.otherSpan(record.traceId()))
                            .put(
                                    "entity",
                                    "urn:oin:" + x.otherOin(config.identity().oin())));
                    ArrayNode resource = line.putObject("resource").putArray("attributes");
                    keyValue(resource, "service.name", "wams-gateway");
                    keyValue(resource, "service.version", "0.1.0");
                    keyValue(resource, "organization.oin", config.identity().oin());
                    ArrayNode attributes = line.putArray("attributes");
                    keyValue(attributes, "dpl.core.processing_activity_id", processingActivity(e.purpose()));
                    if (subject != null) {
                        keyValue(attributes, "dpl.core.data_subject_id", subject);
                        keyValue(attributes, "dpl.core.data_subject_id_type", SUBJECT_ID_TYPE);
                    }
                    return line;
                })
                .toList();
    }

    private static void keyValue(ArrayNode list, String key, String value) {
        list.addObject().put("key", key).put("value", value);
    }

    /**
     * The URI of a purpose's processing activity: the purpose register's {@code processing-activity},
     * else a URN of this organisation. Records without a purpose (reading and exporting the log
     * itself) belong to the activity "verantwoording" (accountability).
     */
    String processingActivity(String purpose) {
        String id = purpose == null ? "verantwoording" : purpose;
        return config.purpose(id)
                .map(GatewayConfig.Purpose::processingActivity)
                .filter(uri -> uri != null)
                .orElse("urn:wams-gateway:" + config.identity().oin() + ":verwerking:" + id);
    }

    /**
     * An exchange with another organisation, as both sides' records see it: who started it, who
     * took it, in which transaction. Both organisations' exports derive the same two span ids from
     * it, so each side's {@code foreign_operation} names the other side's line.
     */
    record Exchange(String fromOin, String toOin, boolean outgoing, String service) {
        String ownSpan(String traceId) {
            return span(traceId, outgoing ? "uit" : "in");
        }

        String otherSpan(String traceId) {
            return span(traceId, outgoing ? "in" : "uit");
        }

        String otherOin(String ownOin) {
            return outgoing ? toOin : fromOin;
        }

        private String span(String traceId, String side) {
            try {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                byte[] digest =
                        sha256.digest(("wams-uitwisseling:" + traceId + ":" + fromOin + ":" + toOin + ":" + side)
                                .getBytes(StandardCharsets.US_ASCII));
                return HexFormat.of().formatHex(digest, 0, 8);
            } catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** The exchange a record opens on its side, if it is one. */
    Optional<Exchange> exchange(AuditEntry e) {
        String own = config.identity().oin();
        return switch (e.event()) {
            case VERZOEK_VERZONDEN -> outgoing(own, e.partyOin(), "wams-verzoeken");
            case VERSTREKKING_VERSTUURD -> outgoing(own, e.partyOin(), "wams-verstrekkingen");
            case MELDING_DOORGELEID -> outgoing(own, e.partyOin(), "wams-meldingen");
            case PEER_VERZOEK_ONTVANGEN -> incoming(e.requesterOin(), own, "wams-verzoeken");
            case VERSTREKKING_ONTVANGEN ->
                incoming(
                        e.partyOin(),
                        own,
                        "meldpunt-doorgeleiding".equals(e.purpose()) ? "wams-meldingen" : "wams-verstrekkingen");
            default -> Optional.empty();
        };
    }

    private static Optional<Exchange> outgoing(String from, String to, String service) {
        return to == null || to.equals(from) ? Optional.empty() : Optional.of(new Exchange(from, to, true, service));
    }

    private static Optional<Exchange> incoming(String from, String to, String service) {
        return from == null || from.equals(to) ? Optional.empty() : Optional.of(new Exchange(from, to, false, service));
    }

    /**
     * What another organisation can hold this log against: each checkpoint this gateway witnessed
     * of another ({@code getuigd}), and each exchange with another organisation with the span ids
     * both sides derive ({@code uitwisseling}).
     */
    Optional<ObjectNode> controle(AuditRecord record) {
        AuditEntry e = record.entry();
        if (e.event() == AuditEvent.CONTROLEPUNT_GETUIGD && e.motivation() != null) {
            String[] witness = e.motivation().split(" ");
            if (witness.length == 3) {
                return Optional.of(JSON.createObjectNode()
                        .put("soort", "getuigd")
                        .put("oin", e.partyOin())
                        .put("node", witness[0])
                        .put("seq", Long.parseLong(witness[1]))
                        .put("hash", witness[2]));
            }
        }
        String own = config.identity().oin();
        String other = switch (e.event()) {
            case ANTWOORD_ONTVANGEN, ANTWOORD_GEWEIGERD -> e.partyOin();
            case PEER_ANTWOORD_VERSTUURD -> e.requesterOin();
            default -> null;
        };
        if (other != null && !other.equals(own) && e.outcome() != null) {
            // What each side recorded as the outcome of the exchange (the same words on both sides).
            return Optional.of(JSON.createObjectNode()
                    .put("soort", "uitkomst")
                    .put("oin", own)
                    .put("met", other)
                    .put("trace_id", record.traceId())
                    .put("uitkomst", e.outcome()));
        }
        return exchange(e)
                .map(x -> JSON.createObjectNode()
                        .put("soort", "uitwisseling")
                        .put("oin", config.identity().oin())
                        .put("met", x.otherOin(config.identity().oin()))
                        .put("trace_id", record.traceId())
                        .put("span_id", x.ownSpan(record.traceId()))
                        .put("foreign_span_id", x.otherSpan(record.traceId()))
                        .put("gebeurtenis", e.event().name()));
    }

    private static void line(Writer out, ObjectNode node) {
        try {
            out.write(JSON.writeValueAsString(node));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One FSC transaction log record per exchange a record opens (the FSC logging interface's
     * {@code logRecord}): transaction id, direction, source and destination peer, service and time
     * in seconds. wams-gateway has no FSC contracts; {@code grant_hash} names the arrangement
     * (source, destination, service) in a stable hash, so a logging component can group by it.
     */
    Optional<ObjectNode> fsc(AuditRecord record) {
        return exchange(record.entry()).map(x -> {
            ObjectNode line = JSON.createObjectNode();
            line.put("transaction_id", record.entry().transactionId());
            line.put("direction", x.outgoing() ? "DIRECTION_OUTGOING" : "DIRECTION_INCOMING");
            line.put("grant_hash", grantHash(x));
            line.putObject("source").put("type", "SOURCE_TYPE_SOURCE").put("outway_peer_id", x.fromOin());
            line.putObject("destination")
                    .put("type", "DESTINATION_TYPE_DESTINATION")
                    .put("service_peer_id", x.toOin());
            line.put("service_name", x.service());
            line.put("created_at", Instant.parse(record.occurredAt()).getEpochSecond());
            return line;
        });
    }

    private static String grantHash(Exchange x) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((x.fromOin() + "|" + x.toOin() + "|" + x.service()).getBytes(StandardCharsets.US_ASCII));
            return "$wams$1$" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
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
