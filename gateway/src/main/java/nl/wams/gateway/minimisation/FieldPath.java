package nl.wams.gateway.minimisation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path to a canonical field or to something inside it: {@code naam}, {@code adres.postcode},
 * {@code voorzieningen[]}, {@code voorzieningen[].naam}. {@code []} means "every element".
 */
public record FieldPath(String text, List<Step> steps) {

    private static final Pattern SYNTAX = Pattern.compile("[a-z][a-zA-Z0-9]*(\\[\\])?(\\.[a-z][a-zA-Z0-9]*(\\[\\])?)*");

    /** One step: into a named member, then optionally into every element of the list there. */
    public record Step(String name, boolean elements) {}

    public static boolean isValid(String text) {
        return text != null && SYNTAX.matcher(text).matches();
    }

    public static FieldPath parse(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not a field path: " + text);
        }
        List<Step> steps = new ArrayList<>();
        for (String part : text.split("\\.")) {
            boolean elements = part.endsWith("[]");
            steps.add(new Step(elements ? part.substring(0, part.length() - 2) : part, elements));
        }
        return new FieldPath(text, List.copyOf(steps));
    }

    /** The canonical field this path starts at. */
    public String field() {
        return steps.get(0).name();
    }

    /** True when the path goes inside the field rather than naming it whole. */
    public boolean nested() {
        return steps.size() > 1 || steps.get(0).elements();
    }
}
