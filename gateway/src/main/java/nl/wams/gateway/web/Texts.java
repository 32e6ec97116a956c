package nl.wams.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import nl.wams.adapters.RefusalGround;
import nl.wams.gateway.request.DataRequestResult;
import nl.wams.gateway.request.Outcome;

/** The interface's words for the gateway's values (outcomes, grounds, released values). */
public final class Texts {

    /** The one instance pages use (as {@code t}). */
    static final Texts INSTANCE = new Texts();

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("d-M-yyyy HH:mm", new Locale("nl")).withZone(ZoneId.of("Europe/Amsterdam"));

    private Texts() {}

    /** A moment in Dutch time, to the minute. */
    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** A stored time text (as the audit log keeps it) in Dutch time. */
    public String time(String stored) {
        return stored == null ? "" : time(Instant.parse(stored));
    }

    /** Whether a request's page should keep updating: some party still decides. */
    public boolean pending(DataRequestResult result) {
        return result.results().stream().anyMatch(r -> r.outcome() == Outcome.IN_BEHANDELING);
    }

    public String outcome(Outcome outcome) {
        return switch (outcome) {
            case VERSTREKT -> "Verstrekt";
            case GEDEELTELIJK_VERSTREKT -> "Gedeeltelijk verstrekt";
            case GEWEIGERD -> "Geweigerd";
            case NIET_BEKEND -> "Persoon niet bekend bij deze partij";
            case IN_BEHANDELING -> "In behandeling: een professional beoordeelt het verzoek";
            case NIET_BEANTWOORD -> "Niet beantwoord";
            case NIET_BEREIKBAAR -> "Partij niet bereikbaar";
            case ONGELDIG_ANTWOORD -> "Ongeldig antwoord (niets gebruikt)";
        };
    }

    public String ground(RefusalGround ground) {
        return switch (ground) {
            case ZWAARWEGENDE_REDENEN -> "zwaarwegende redenen";
            case BEROEPSGEHEIM -> "beroepsgeheim";
            case NIET_NOODZAKELIJK -> "niet noodzakelijk voor het doel";
            case GEEN_GRONDSLAG -> "geen grondslag";
        };
    }

    /** A ground by its name, as a form posts it. */
    public String ground(String name) {
        return RefusalGround.parse(name).map(this::ground).orElse(name);
    }

    /** A released value as a person reads it (texts without quotes, yes/no, lists joined). */
    public String value(JsonNode value) {
        if (value == null || value.isNull()) {
            return "(leeg)";
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "ja" : "nee";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        return value.toString();
    }
}
