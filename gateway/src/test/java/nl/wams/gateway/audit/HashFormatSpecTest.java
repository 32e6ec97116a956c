package nl.wams.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Checks a record's hash against the specification in docs/audit.md ("Hash format"), with a
 * verifier written here from that text alone, as an outsider would: it shares no code with the
 * gateway's (no Jackson, no canonicalization library), so a change of the byte format that the
 * document does not describe fails here.
 */
class HashFormatSpecTest {

    /** Awkward but legal values: non-ASCII, quotes, a backslash, a line break, a tab, a control character, nulls. */
    static final AuditEntry ENTRY = new AuditEntry(
            AuditEvent.ANTWOORD_GEWEIGERD,
            "01937a3e-0000-7000-8000-000000000001",
            "00000099000000000001",
            "coördinator \"S\" \\ 1",
            "ggz-noordkust",
            "00000099000000000101",
            "onderzoek",
            "wmo2015-wams-onderzoek",
            "onderzoek",
            "VBS-2026-0042",
            List.of("3f1e0a", "0b2c9d"),
            List.of("ggz-behandeling", "bekend-bij"),
            List.of(),
            List.of("ggz-behandeling.behandelaar"),
            "GEWEIGERD",
            "BEROEPSGEHEIM",
            "Regel een\nregel\ttwee \u0001 € 😀",
            null);

    static AuditRecord record() {
        return AuditRecord.chained(
                "gemeente-1",
                42,
                "01937a3e-0000-7000-8000-00000000002a",
                "01937a3e000070008000000000000001",
                "00f067aa0ba902b7",
                "2026-11-30T09:15:00.123Z",
                ENTRY,
                "a".repeat(64));
    }

    @Test
    void aRecordsHashIsTheSha256OfThePreviousHashAndItsRfc8785Json() throws Exception {
        AuditRecord record = record();
        assertThat(record.hashFormat()).isEqualTo(2);

        Map<String, Object> fields = new TreeMap<>(HashFormatSpecTest::utf16Order);
        fields.put("format", 2L);
        fields.put("node", "gemeente-1");
        fields.put("seq", 42L);
        fields.put("record", "01937a3e-0000-7000-8000-00000000002a");
        fields.put("transaction", ENTRY.transactionId());
        fields.put("trace", "01937a3e000070008000000000000001");
        fields.put("span", "00f067aa0ba902b7");
        fields.put("time", "2026-11-30T09:15:00.123Z");
        fields.put("event", "ANTWOORD_GEWEIGERD");
        fields.put("requesterOin", ENTRY.requesterOin());
        fields.put("user", ENTRY.userRef());
        fields.put("party", ENTRY.partyId());
        fields.put("partyOin", ENTRY.partyOin());
        fields.put("purpose", ENTRY.purpose());
        fields.put("legalBasis", ENTRY.legalBasis());
        fields.put("phase", ENTRY.phase());
        fields.put("caseRef", ENTRY.caseRef());
        fields.put("subjects", ENTRY.subjects());
        fields.put("categoriesAsked", ENTRY.categoriesAsked());
        fields.put("categoriesReleased", ENTRY.categoriesReleased());
        fields.put("fieldsRemoved", ENTRY.fieldsRemoved());
        fields.put("outcome", ENTRY.outcome());
        fields.put("ground", ENTRY.ground());
        fields.put("motivation", ENTRY.motivation());
        fields.put("configVersion", null);

        String json = object(fields);
        assertThat(json).startsWith("{\"caseRef\":\"VBS-2026-0042\",\"categoriesAsked\":[");
        assertThat(json).contains("\"motivation\":\"Regel een\\nregel\\ttwee \\u0001 € 😀\"");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(("a".repeat(64) + "\n").getBytes(StandardCharsets.US_ASCII));
        sha256.update(json.getBytes(StandardCharsets.UTF_8));

        assertThat(record.hash()).isEqualTo(HexFormat.of().formatHex(sha256.digest()));
    }

    /** The hash the gateway computed for this record before format 2 existed: older chains still verify. */
    @Test
    void recordsOfFormatOneStillHashAsTheyWereWritten() {
        AuditRecord record = record();
        AuditRecord legacy = formatOne(record);
        assertThat(legacy.computeHash()).isEqualTo("e9c2d304b1536288adcc15cc00bf38ebdd5a74b82513f8937b87edffb889ef91");
    }

    @Test
    void changingAnyFieldOrTheFormatChangesTheHash() {
        AuditRecord record = record();
        AuditRecord legacy = formatOne(record);
        assertThat(legacy.computeHash()).isNotEqualTo(record.hash());
        AuditRecord other = AuditRecord.chained(
                "gemeente-1",
                43,
                record.recordId(),
                record.traceId(),
                record.spanId(),
                record.occurredAt(),
                ENTRY,
                record.prevHash());
        assertThat(other.hash()).isNotEqualTo(record.hash());
    }

    /** The same record as a format-1 record (how records were hashed before format 2). */
    static AuditRecord formatOne(AuditRecord r) {
        return new AuditRecord(
                r.nodeId(),
                r.seq(),
                r.recordId(),
                r.traceId(),
                r.spanId(),
                r.occurredAt(),
                r.entry(),
                r.prevHash(),
                null,
                1);
    }

    /** RFC 8785 section 3.2.3: property names sorted by their UTF-16 code units. */
    static int utf16Order(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return a.charAt(i) - b.charAt(i);
            }
        }
        return a.length() - b.length();
    }

    static String object(Map<String, Object> fields) {
        List<String> members = new ArrayList<>();
        fields.forEach((name, value) -> members.add(string(name) + ":" + value(value)));
        return "{" + String.join(",", members) + "}";
    }

    static String value(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Long number) {
            return Long.toString(number); // integers: their shortest decimal form
        }
        if (value instanceof List<?> list) {
            List<String> elements = new ArrayList<>();
            list.forEach(e -> elements.add(value(e)));
            return "[" + String.join(",", elements) + "]";
        }
        return string((String) value);
    }

    /** RFC 8785 section 3.2.2.2: the ECMAScript JSON.stringify escaping. */
    static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
