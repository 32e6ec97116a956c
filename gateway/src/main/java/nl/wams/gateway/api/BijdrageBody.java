package nl.wams.gateway.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import nl.wams.gateway.requester.AnswerCheck;

/**
 * The JSON body of {@code POST /api/v1/ontvangen/{id}/bijdrage}: a professional contributes to the
 * case meeting they were invited to, with the categories they judge necessary.
 */
record BijdrageBody(
        @NotNull @Size(min = 1, max = 20)
        List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String> categorieen,

        @NotNull @Size(min = 1, max = AnswerCheck.MAX_TEXT) String motivering) {

    String motivation() {
        ZaakBody.plain("motivering", motivering);
        return motivering.strip();
    }
}
