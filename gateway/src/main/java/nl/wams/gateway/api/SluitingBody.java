package nl.wams.gateway.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.wams.gateway.meldpunt.Signal;

/** The JSON body of {@code POST /api/v1/meldpunt/signalen/{referentie}/sluiting}: the reason, and a note. */
record SluitingBody(
        @NotNull Signal.CloseReason reden, @Size(max = 2000) String toelichting) {

    String note() {
        String note = toelichting == null || toelichting.isBlank() ? null : toelichting.strip();
        ZaakBody.plain("toelichting", note);
        return note;
    }
}
