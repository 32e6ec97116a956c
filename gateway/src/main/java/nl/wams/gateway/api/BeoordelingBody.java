package nl.wams.gateway.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import nl.wams.gateway.meldpunt.Signal;
import nl.wams.gateway.meldpunt.Triage;

/** The JSON body of {@code POST /api/v1/meldpunt/signalen/{referentie}/beoordeling}. */
record BeoordelingBody(
        @NotNull Signal.Urgency urgentie,
        @NotNull @Size(min = 1, max = 7) List<Signal.@NotNull LifeDomain> levensdomeinen,
        Boolean meerInformatieNodig,
        @Size(max = 2000) String toelichting) {

    Triage.AssessmentInput toInput() {
        String note = toelichting == null || toelichting.isBlank() ? null : toelichting.strip();
        ZaakBody.plain("toelichting", note);
        return new Triage.AssessmentInput(
                urgentie,
                List.copyOf(new java.util.LinkedHashSet<>(levensdomeinen)),
                Boolean.TRUE.equals(meerInformatieNodig),
                note);
    }
}
