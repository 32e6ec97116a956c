package nl.wams.gateway.audit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the one shape an audit record's hash input has: an
 * object whose members are text, whole numbers, lists of text or null. Written directly, in one
 * pass, because it runs for every record on the audit writer's thread; the general library parsed
 * the text a serialiser had just written. {@code CanonicalJsonTest} holds it to the library's output
 * for arbitrary values, {@code HashFormatSpecTest} to the specification in docs/audit.md.
 */
final class CanonicalJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {}

    /**
     * The canonical text of {@code members}: keys in the order of their UTF-16 code units (Java's
     * {@link String#compareTo}), no whitespace, text escaped as ECMAScript's JSON serialisation does,
     * whole numbers in plain decimal.
     *
     * @throws IllegalArgumentException for a value of another kind, or a number beyond 2^53
     */
    static String of(Map<String, ?> members) {
        StringBuilder out = new StringBuilder(512);
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, ?> member : new TreeMap<>(members).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            text(out, member.getKey());
            out.append(':');
            value(out, member.getValue());
        }
        return out.append('}').toString();
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            text(out, s);
        } else if (value instanceof Integer || value instanceof Long) {
            long n = ((Number) value).longValue();
            if (Math.abs(n) > (1L << 53)) {
                throw new IllegalArgumentException("a number beyond 2^53 has no exact canonical form");
            }
            out.append(n);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(
                    "no canonical form for " + value.getClass().getSimpleName());
        }
    }

    private static void text(StringBuilder out, String s) {
        out.append('"');
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
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
