package nl.wams.gateway.requester;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.FieldType;

/**
 * What any adapter reports is checked against the request and the category catalogue before
 * anything of it is used: only asked subjects and categories, only fields the catalogue defines,
 * each value of its field's type (or, from a party's gateway that minimised at the source, of a
 * form a transform makes of that type), removed names that are names of asked fields, and a
 * party's texts as bounded plain text. Anything else turns the whole answer into an invalid answer
 * that says why; nothing of it is released.
 */
public final class AnswerCheck {

    /** The longest refusal or non-answer motivation passed on from a party. */
    public static final int MAX_TEXT = 2000;

    private static final Pattern REMOVED_NAME =
            Pattern.compile("([a-z0-9][a-z0-9-]*)\\.(\\*|([A-Za-z0-9_-]+)((\\.[A-Za-z0-9_-]+)|\\[\\])*)");

    private final Map<String, Map<String, FieldType>> catalogue;

    /** @param catalogue per category of the catalogue, its fields and their types */
    public AnswerCheck(Map<String, Map<String, FieldType>> catalogue) {
        this.catalogue = Map.copyOf(catalogue);
    }

    /**
     * The result as it may be used, or an {@link AdapterResult.InvalidAnswer} naming the first
     * problem (names of fields and categories, never values).
     *
     * @param minimisedAtSource the party's gateway minimised the values with its own profile
     */
    public AdapterResult check(
            AdapterResult result,
            Collection<String> askedCategories,
            Set<String> askedBsns,
            boolean minimisedAtSource) {
        if (result instanceof AdapterResult.Answered answered) {
            return problem(answered, askedCategories, askedBsns, minimisedAtSource)
                    .<AdapterResult>map(AdapterResult.InvalidAnswer::new)
                    .orElse(result);
        }
        if (result instanceof AdapterResult.Refused refused && !plainText(refused.motivation())) {
            return new AdapterResult.InvalidAnswer(
                    "refusal motivation is not plain text of at most " + MAX_TEXT + " characters");
        }
        if (result instanceof AdapterResult.NotAnswered notAnswered && !plainText(notAnswered.motivation())) {
            return new AdapterResult.InvalidAnswer(
                    "motivation is not plain text of at most " + MAX_TEXT + " characters");
        }
        return result;
    }

    private Optional<String> problem(
            AdapterResult.Answered answered,
            Collection<String> askedCategories,
            Set<String> askedBsns,
            boolean minimisedAtSource) {
        for (AdapterResult.SubjectData subject : answered.subjects()) {
            if (!askedBsns.contains(subject.bsn())) {
                return Optional.of("answer contains a subject that was not asked");
            }
            for (Map.Entry<String, Map<String, JsonNode>> category :
                    subject.categories().entrySet()) {
                Map<String, FieldType> known = catalogue.get(category.getKey());
                if (!askedCategories.contains(category.getKey()) || known == null) {
                    return Optional.of("answer contains a category that was not asked");
                }
                for (Map.Entry<String, JsonNode> field : category.getValue().entrySet()) {
                    String name = category.getKey() + "." + field.getKey();
                    FieldType type = known.get(field.getKey());
                    if (type == null) {
                        return Optional.of("answer contains an unknown field " + name);
                    }
                    if (!type.accepts(field.getValue())
                            && !(minimisedAtSource && minimisedForm(type, field.getValue()))) {
                        return Optional.of("field " + name + " is not of type " + type);
                    }
                }
            }
        }
        for (String removed : answered.removedAtSource()) {
            if (!removedName(removed, askedCategories)) {
                return Optional.of("removed-field list holds something that is not a field name of an asked category");
            }
        }
        return Optional.empty();
    }

    /** {@code category.*}, {@code category.field} or a path into it ({@code .member}, {@code []}). */
    private boolean removedName(String name, Collection<String> askedCategories) {
        if (name == null || name.length() > 200) {
            return false;
        }
        Matcher m = REMOVED_NAME.matcher(name);
        if (!m.matches() || !askedCategories.contains(m.group(1))) {
            return false;
        }
        Map<String, FieldType> fields = catalogue.get(m.group(1));
        return fields != null && ("*".equals(m.group(2)) || fields.containsKey(m.group(3)));
    }

    /**
     * Values a provider's transforms make of a value of this type: a presence (boolean) of
     * anything, a year of a date, a count of a list, a masked number (text).
     */
    static boolean minimisedForm(FieldType type, JsonNode value) {
        if (value.isBoolean()) {
            return true;
        }
        return switch (type) {
            case DATE -> value.isIntegralNumber() && value.asInt() >= 1000 && value.asInt() <= 9999;
            case LIST -> value.isIntegralNumber() && value.asLong() >= 0;
            case NUMBER, INTEGER -> value.isTextual();
            default -> false;
        };
    }

    /** Null, or at most {@link #MAX_TEXT} characters without control characters but line breaks and tabs. */
    public static boolean plainText(String text) {
        if (text == null) {
            return true;
        }
        if (text.length() > MAX_TEXT) {
            return false;
        }
        return text.codePoints()
                .noneMatch(c -> (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
                        || Character.getType(c) == Character.FORMAT
                        || Character.getType(c) == Character.SURROGATE
                        || Character.getType(c) == Character.UNASSIGNED);
    }
}
