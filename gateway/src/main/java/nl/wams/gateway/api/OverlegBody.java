package nl.wams.gateway.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import nl.wams.gateway.coordination.Part;
import nl.wams.gateway.requester.AnswerCheck;

/**
 * The JSON body of {@code POST /api/v1/zaken/{kenmerk}/overleggen}: a case meeting with its
 * participants, whether the client and representatives are invited (if not: the weighty interest),
 * and the categories the participants are asked to consider contributing.
 */
record OverlegBody(
        @NotNull @Pattern(regexp = "[0-9]{4}-[0-9]{2}-[0-9]{2}")
        String datum,

        @NotNull @Size(min = 1, max = 20) List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String> deelnemers,
        @NotNull Boolean clientUitgenodigd,
        @NotNull Boolean vertegenwoordigersUitgenodigd,
        @Size(max = AnswerCheck.MAX_TEXT) String zwaarwegendBelang,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String> categorieen) {

    Part.Meeting toMeeting() {
        boolean weighty = zwaarwegendBelang != null && !zwaarwegendBelang.isBlank();
        if ((!clientUitgenodigd || !vertegenwoordigersUitgenodigd) && !weighty) {
            throw ZaakBody.invalid(
                    "zwaarwegendBelang", "verplicht als de cliënt of vertegenwoordigers niet zijn uitgenodigd");
        }
        ZaakBody.plain("zwaarwegendBelang", zwaarwegendBelang);
        if (deelnemers.stream().distinct().count() != deelnemers.size()) {
            throw ZaakBody.invalid("deelnemers", "een partij komt meer dan eens voor");
        }
        return new Part.Meeting(
                datum,
                deelnemers,
                clientUitgenodigd,
                vertegenwoordigersUitgenodigd,
                weighty ? zwaarwegendBelang.strip() : null,
                categorieen == null ? List.of() : categorieen);
    }

    @Override
    public String toString() {
        return "OverlegBody[deelnemers=" + deelnemers + "]";
    }
}
