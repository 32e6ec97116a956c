package nl.wams.gateway.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wams.adapters.FieldType;

/** The category catalogue: which categories of data exist, how sensitive, and their canonical fields. */
public record Catalogue(List<Category> categories) {

    public Catalogue {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public Optional<Category> category(String name) {
        return categories.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** A category of personal data. */
    public record Category(String name, String description, Sensitivity sensitivity, Map<String, Field> fields) {
        public Category {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }
    }

    /** A canonical field of a category. */
    public record Field(FieldType type, String description) {}

    /** How the AVG classes a category. */
    public enum Sensitivity {
        /** Ordinary personal data. */
        NORMAL,
        /** Special categories (AVG art. 9), such as health. */
        SPECIAL,
        /** Criminal-law data (AVG art. 10). */
        CRIMINAL
    }
}
