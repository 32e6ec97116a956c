package nl.wams.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored record: the entry plus its place in its node's chain. {@code hash} is the SHA-256 of
 * the previous hash and the canonical JSON of everything else in the record, in the byte format
 * {@code hashFormat} names (docs/audit.md, "Hash format"): 2 (RFC 8785) for every record written
 * now, 1 for records written before it.
 */
public record AuditRecord(
        String nodeId,
        long seq,
        String recordId,
        String traceId,
        String spanId,
        String occurredAt,
        AuditEntry entry,
        String prevHash,
        String hash,
        int hashFormat) {

    /** The previous hash of a chain's first record. */
    public static final String GENESIS = "0".repeat(64);

    /** The byte format of records written now. */
    public static final int CURRENT_FORMAT = 2;

    private static final ObjectMapper CANONICAL = new ObjectMapper();

    /** A record with its hash computed from its content and {@code prevHash}. */
    public static AuditRecord chained(
            String nodeId,
            long seq,
            String recordId,
            String traceId,
            String spanId,
            String occurredAt,
            AuditEntry entry,
            String prevHash) {
        AuditRecord unsigned = new AuditRecord(
                nodeId, seq, recordId, traceId, spanId, occurredAt, entry, prevHash, null, CURRENT_FORMAT);
        return new AuditRecord(
                nodeId,
                seq,
                recordId,
                traceId,
                spanId,
                occurredAt,
                entry,
                prevHash,
                unsigned.computeHash(),
                CURRENT_FORMAT);
    }

    /** Recomputes the hash from the stored content (what verification compares with {@link #hash()}). */
    public String computeHash() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            sha256.update((hashFormat == 1 ? canonical() : jcs()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Format 2: every field (nulls included) and the format itself, as canonical JSON per RFC 8785
     * (keys sorted, no whitespace, the scheme's escaping and number form).
     */
    String jcs() {
        Map<String, Object> c = fields();
        c.put("configVersion", entry.configVersion());
        c.put("format", hashFormat);
        return CanonicalJson.of(c);
    }

    private Map<String, Object> fields() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("node", nodeId);
        c.put("seq", seq);
        c.put("record", recordId);
        c.put("transaction", entry.transactionId());
        c.put("trace", traceId);
        c.put("span", spanId);
        c.put("time", occurredAt);
        c.put("event", entry.event().name());
        c.put("requesterOin", entry.requesterOin());
        c.put("user", entry.userRef());
        c.put("party", entry.partyId());
        c.put("partyOin", entry.partyOin());
        c.put("purpose", entry.purpose());
        c.put("legalBasis", entry.legalBasis());
        c.put("phase", entry.phase());
        c.put("caseRef", entry.caseRef());
        c.put("subjects", entry.subjects());
        c.put("categoriesAsked", entry.categoriesAsked());
        c.put("categoriesReleased", entry.categoriesReleased());
        c.put("fieldsRemoved", entry.fieldsRemoved());
        c.put("outcome", entry.outcome());
        c.put("ground", entry.ground());
        c.put("motivation", entry.motivation());
        return c;
    }

    /** Format 1: fixed field order, nulls included: the same record always gives the same text. */
    String canonical() {
        Map<String, Object> c = fields();
        if (entry.configVersion() != null) { // absent in records written before configurations had versions
            c.put("configVersion", entry.configVersion());
        }
        try {
            return CANONICAL.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
