package nl.wams.gateway.minimisation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Reads a transform as written in the configuration: {@code keep}, {@code year}, {@code presence},
 * {@code count}, or one of {@code {mask: N}}, {@code {truncate: N}}, {@code {coarse: TABLE}}.
 */
public final class TransformSpec {

    private TransformSpec() {}

    /** The transform, or IllegalArgumentException with a message fit for a configuration problem. */
    public static Transform parse(JsonNode spec, Map<String, CoarseTable> tables) {
        if (spec != null && spec.isTextual()) {
            return switch (spec.asText()) {
                case "keep" -> new Transform.Keep();
                case "year" -> new Transform.YearOnly();
                case "presence" -> new Transform.PresenceOnly();
                case "count" -> new Transform.CountOnly();
                default -> throw new IllegalArgumentException("unknown transform '" + spec.asText() + "'");
            };
        }
        if (spec != null && spec.isObject() && spec.size() == 1) {
            var entry = spec.fields().next();
            JsonNode argument = entry.getValue();
            switch (entry.getKey()) {
                case "mask":
                    return new Transform.Mask(nonNegative(argument, "mask"));
                case "truncate":
                    return new Transform.Truncate(Math.max(1, nonNegative(argument, "truncate")));
                case "coarse":
                    CoarseTable table = tables.get(argument.asText());
                    if (table == null) {
                        throw new IllegalArgumentException("unknown coarse table '" + argument.asText() + "'");
                    }
                    return new Transform.Coarse(argument.asText(), table.classes(), table.fallback());
                default:
                    throw new IllegalArgumentException("unknown transform '" + entry.getKey() + "'");
            }
        }
        throw new IllegalArgumentException(
                "a transform is keep, year, presence, count, {mask: N}, {truncate: N} or {coarse: TABLE}");
    }

    private static int nonNegative(JsonNode argument, String name) {
        if (!argument.canConvertToInt() || argument.asInt() < 0) {
            throw new IllegalArgumentException(name + " needs a number of characters");
        }
        return argument.asInt();
    }
}
