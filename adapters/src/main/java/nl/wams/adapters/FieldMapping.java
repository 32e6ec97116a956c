package nl.wams.adapters;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * Where a canonical field is found in a backend's answer for one subject.
 *
 * @param category the catalogue category
 * @param field the canonical field name in that category
 * @param pointer JSON pointer into the subject's element of the backend answer
 * @param type the catalogue type the value must have
 */
public record FieldMapping(String category, String field, JsonPointer pointer, FieldType type) {}
