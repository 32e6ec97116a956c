package nl.wams.gateway.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wams.gateway.meldpunt.IntakeRules;
import nl.wams.gateway.meldpunt.Submission;

/**
 * The reporting point's form as submitted (public and for professionals): its fields by input
 * name, read into the same {@link Submission} the JSON intake reads, and the intake rules' field
 * names mapped back onto the inputs they belong to.
 */
public record SignalForm(Map<String, String> fields) {

    /** Input names the form has; nothing else is kept or shown again. */
    static final List<String> INPUTS = List.of(
            "over",
            "naam",
            "adres",
            "bsn",
            "zorgen",
            "sinds",
            "acuut",
            "contact",
            "contactNaam",
            "telefoon",
            "email",
            "melderBsn",
            "organisatie");

    /** The honeypot: hidden from people, filled in by robots. */
    static final String HONEYPOT = "website";

    static SignalForm of(Map<String, String> submitted) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String input : INPUTS) {
            String value = submitted.get(input);
            if (value != null) {
                kept.put(input, value);
            }
        }
        return new SignalForm(kept);
    }

    static SignalForm empty() {
        return new SignalForm(Map.of());
    }

    /** The value as submitted, or empty (for the template). */
    public String get(String input) {
        return fields.getOrDefault(input, "");
    }

    /** Whether a yes/no input was answered yes (for the template). */
    public boolean checked(String input) {
        return "ja".equals(fields.get(input));
    }

    /** The submission; empty when the date is not a date (then the error is on {@code sinds}). */
    Optional<Submission> submission() {
        LocalDate since = null;
        String date = text("sinds");
        if (date != null) {
            try {
                since = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        boolean contact = checked("contact");
        return Optional.of(new Submission(
                "zelf".equals(fields.get("over")),
                new Submission.Person(text("naam"), text("adres"), text("bsn")),
                text("zorgen"),
                since,
                checked("acuut"),
                new Submission.Reporter(
                        text("organisatie"),
                        new Submission.Contact(
                                contact,
                                contact ? text("contactNaam") : null,
                                contact ? text("telefoon") : null,
                                contact ? text("email") : null),
                        text("melderBsn"))));
    }

    private String text(String input) {
        String value = fields.get(input);
        return value == null || value.isBlank() ? null : value;
    }

    /** The intake rules' violations as input id -> message, in the form's order. */
    static Map<String, String> errors(List<IntakeRules.Violation> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (IntakeRules.Violation v : violations) {
            errors.putIfAbsent(input(v.field()), label(v.field()) + ": " + v.reason());
        }
        return errors;
    }

    private static String input(String field) {
        return switch (field) {
            case "persoon.naam" -> "naam";
            case "persoon.adres" -> "adres";
            case "persoon.bsn" -> "bsn";
            case "melder.contact" -> "contact";
            case "melder.contact.naam" -> "contactNaam";
            case "melder.contact.telefoon" -> "telefoon";
            case "melder.contact.email" -> "email";
            case "melder.bsn" -> "melderBsn";
            case "melder.organisatie" -> "organisatie";
            default -> field;
        };
    }

    private static String label(String field) {
        return switch (field) {
            case "zorgen" -> "Uw zorgen";
            case "persoon.naam" -> "Naam";
            case "persoon.adres" -> "Adres";
            case "persoon.bsn" -> "BSN";
            case "sinds" -> "Sinds wanneer";
            case "melder.contact" -> "Contact";
            case "melder.contact.naam" -> "Uw naam";
            case "melder.contact.telefoon" -> "Telefoonnummer";
            case "melder.contact.email" -> "E-mailadres";
            case "melder.bsn" -> "Uw eigen BSN";
            case "melder.organisatie" -> "Organisatie";
            default -> field;
        };
    }
}
