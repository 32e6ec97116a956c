package nl.wams.gateway.minimisation;

import java.util.Map;

/**
 * A configured table for the {@code coarse} transform.
 *
 * @param classes detailed value -> class
 * @param fallback class for values not in the table; null removes such values
 */
public record CoarseTable(Map<String, String> classes, String fallback) {
    public CoarseTable {
        classes = classes == null ? Map.of() : Map.copyOf(classes);
    }
}
