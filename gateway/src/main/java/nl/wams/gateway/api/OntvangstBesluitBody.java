package nl.wams.gateway.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.wams.gateway.participation.Participation;
import nl.wams.gateway.requester.AnswerCheck;

/**
 * The JSON body of {@code POST /api/v1/ontvangen/{id}/besluit}: adopt received data into the
 * organisation's own file (the motivation names the own task that needs it) or decline it.
 */
record OntvangstBesluitBody(
        @NotNull Participation.Decision besluit,
        @Size(max = AnswerCheck.MAX_TEXT) String motivering) {

    String motivation() {
        String text = motivering == null ? "" : motivering.strip();
        ZaakBody.plain("motivering", text);
        if (besluit == Participation.Decision.OVERNEMEN && text.isEmpty()) {
            throw ZaakBody.invalid("motivering", "verplicht bij OVERNEMEN: voor welke eigen taak is het nodig");
        }
        return text.isEmpty() ? null : text;
    }
}
