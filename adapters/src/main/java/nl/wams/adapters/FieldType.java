package nl.wams.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The type of a canonical field, as the category catalogue defines it. */
public enum FieldType {
    STRING,
    NUMBER,
    INTEGER,
    BOOLEAN,
    /** An ISO-8601 calendar date (yyyy-MM-dd) as a JSON string. */
    DATE,
    LIST,
    OBJECT;

    /** True when the JSON value is of this type; {@code null} values are always accepted. */
    public boolean accepts(JsonNode value) {
        if (value == null || value.isNull()) {
            return true;
        }
        return switch (this) {
            case STRING -> value.isTextual();
            case NUMBER -> value.isNumber();
            case INTEGER -> value.isIntegralNumber();
            case BOOLEAN -> value.isBoolean();
            case DATE -> value.isTextual() && isIsoDate(value.asText());
            case LIST -> value.isArray();
            case OBJECT -> value.isObject();
        };
    }

    private static boolean isIsoDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
