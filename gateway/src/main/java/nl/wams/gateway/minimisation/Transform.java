package nl.wams.gateway.minimisation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.wams.adapters.FieldType;

/**
 * How one allowed field is released. A transform that cannot be applied to the value it gets
 * (a year of something that is not a date, say) yields nothing, and the field is removed: when in
 * doubt, the data stays at the source.
 */
public sealed interface Transform {

    /** The released value, or empty when this value cannot be released under this transform. */
    Optional<JsonNode> apply(JsonNode value);

    /** How the transform is written in the configuration, e.g. {@code year} or {@code mask: 2}. */
    String describe();

    /**
     * Whether this transform makes sense on a top-level field of the catalogue type {@code type}
     * (keep and presence fit every type); configuration validation asks this.
     */
    default boolean fits(FieldType type) {
        return true;
    }

    /** Release the value as it is. */
    record Keep() implements Transform {
        @Override
        public Optional<JsonNode> apply(JsonNode value) {
            return Optional.of(value);
        }

        @Override
        public String describe() {
            return "keep";
        }
    }

    /**
     * A date ({@code yyyy-MM-dd}, {@code yyyy-MM} or a date-time) becomes its year. A year is kept,
     * so minimising twice (at the source and again at the requester) changes nothing.
     */
    record YearOnly() implements Transform {
        @Override
        public boolean fits(FieldType type) {
            return type == FieldType.DATE;
        }

        private static final Pattern DATE = Pattern.compile("(\\d{4})(-\\d{2}(-\\d{2}([T ].*)?)?)?");

        @Override
        public Optional<JsonNode> apply(JsonNode value) {
            if (value != null && value.isIntegralNumber() && value.asInt() >= 1000 && value.asInt() <= 9999) {
                return Optional.of(value);
            }
            if (value == null || !value.isTextual()) {
                return Optional.empty();
            }
            var m = DATE.matcher(value.asText());
            return m.matches() ? Optional.of(IntNode.valueOf(Integer.parseInt(m.group(1)))) : Optional.empty();
        }

        @Override
        public String describe() {
            return "year";
        }
    }

    /**
     * Only whether there is something: null, "", [] and {} are false, anything else true. A boolean
     * is kept as it is (it is already a presence), so minimising twice changes nothing.
     */
    record PresenceOnly() implements Transform {
        @Override
        public Optional<JsonNode> apply(JsonNode value) {
            if (value != null && value.isBoolean()) {
                return Optional.of(value);
            }
            boolean present = value != null
                    && !value.isNull()
                    && !(value.isTextual() && value.asText().isEmpty())
                    && !(value.isContainerNode() && value.isEmpty());
            return Optional.of(BooleanNode.valueOf(present));
        }

        @Override
        public String describe() {
            return "presence";
        }
    }

    /** A list becomes its number of elements; a count (a non-negative integer) is kept. */
    record CountOnly() implements Transform {
        @Override
        public boolean fits(FieldType type) {
            return type == FieldType.LIST;
        }

        @Override
        public Optional<JsonNode> apply(JsonNode value) {
            if (value != null && value.isIntegralNumber() && value.asLong() >= 0) {
                return Optional.of(value);
            }
            return value != null && value.isArray() ? Optional.of(IntNode.valueOf(value.size())) : Optional.empty();
        }

        @Override
        public String describe() {
            return "count";
        }
    }

    /**
     * Text or a number is masked with {@code *} except its last {@code keepLast} characters; a
     * value not longer than that is masked entirely, so masking never reveals a whole value.
     */
    record Mask(int keepLast) implements Transform {
        @Override
        public boolean fits(FieldType type) {
            return type == FieldType.STRING || type == FieldType.NUMBER || type == FieldType.INTEGER;
        }

        @Override
        public Optional<JsonNode> apply(JsonNode value) {
            if (value == null || !(value.isTextual() || value.isNumber())) {
                return Optional.empty();
            }
            String text = value.asText();
            int[] cps = text.codePoints().toArray();
            int visible = cps.length > keepLast ? keepLast : 0;
            StringBuilder masked = new StringBuilder();
            for (int i = 0; i < cps.length; i++) {
                if (i < cps.length - visible) {
                    masked.append('*');
                } else {
                    masked.appendCodePoint(cps[i]);
                }
            }
            return Optional.of(TextNode.valueOf(masked.toString()));
        }

        @Override
        public String describe() {
            return "mask: " + keepLast;
        }
    }

    /** Text is cut to at most {@code maxLength} characters. */
    record Truncate(int maxLength) implements Transform {
        @Override
        public boolean fits(FieldType type) {
            return type == FieldType.STRING;
        }

        @Override
        public Optional<JsonNode> apply(JsonNode value) {
            if (value == null || !value.isTextual()) {
                return Optional.empty();
            }
            String text = value.asText();
            if (text.codePointCount(0, text.length()) <= maxLength) {
                return Optional.of(value);
            }
            return Optional.of(TextNode.valueOf(text.substring(0, text.offsetByCodePoints(0, maxLength))));
        }

        @Override
        public String describe() {
            return "truncate: " + maxLength;
        }
    }

    /**
     * A detailed value becomes a class from a configured table (e.g. a care type becomes
     * {@code ggz-behandeling}). Values not in the table become the table's fallback, or are
     * removed when it has none.
     */
    record Coarse(String table, Map<String, String> classes, String fallback) implements Transform {
        @Override
        public boolean fits(FieldType type) {
            return type == FieldType.STRING;
        }

        public Coarse {
            classes = Map.copyOf(classes);
        }

        @Override
        public Optional<JsonNode> apply(JsonNode value) {
            if (value == null || !value.isTextual()) {
                return Optional.empty();
            }
            if (classes.containsValue(value.asText()) || value.asText().equals(fallback)) {
                return Optional.of(value); // already a class: minimising twice changes nothing
            }
            String mapped = classes.getOrDefault(value.asText(), fallback);
            return mapped == null ? Optional.empty() : Optional.of(TextNode.valueOf(mapped));
        }

        @Override
        public String describe() {
            return "coarse: " + table;
        }
    }
}
