package nl.wams.gateway.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import nl.wams.adapters.RefusalGround;
import nl.wams.gateway.provider.ReviewLifecycle;
import nl.wams.gateway.requester.AnswerCheck;

/** The JSON body of {@code POST /api/v1/beoordelingen/{id}/besluit}: a professional's decision. */
record BesluitBody(
        @NotNull Besluit besluit,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String> categorieen,
        RefusalGround grond,
        @Size(max = AnswerCheck.MAX_TEXT) String motivering) {

    enum Besluit {
        VRIJGEVEN,
        WEIGEREN
    }

    /** The decision; what the schema cannot say (required with, plain text) is checked here. */
    ReviewLifecycle.Decision toDecision() {
        String motivation = motivering == null ? "" : motivering.strip();
        if (!AnswerCheck.plainText(motivation)) {
            throw invalid(
                    "De motivering is platte tekst van ten hoogste " + AnswerCheck.MAX_TEXT + " tekens.",
                    "motivering",
                    "ten hoogste " + AnswerCheck.MAX_TEXT + " tekens, geen stuurtekens");
        }
        if (besluit == Besluit.VRIJGEVEN) {
            if (categorieen == null || categorieen.isEmpty()) {
                throw invalid("Noem de categorieën die vrijgegeven worden.", "categorieen", "verplicht bij VRIJGEVEN");
            }
            return new ReviewLifecycle.Decision.Release(categorieen);
        }
        if (grond == null || !ReviewLifecycle.Decision.Refuse.GROUNDS.contains(grond)) {
            throw invalid(
                    "grond moet ZWAARWEGENDE_REDENEN, BEROEPSGEHEIM of NIET_NOODZAKELIJK zijn.",
                    "grond",
                    "ZWAARWEGENDE_REDENEN, BEROEPSGEHEIM of NIET_NOODZAKELIJK");
        }
        if (motivation.isEmpty()) {
            throw invalid("Een weigering vereist een motivering.", "motivering", "verplicht bij WEIGEREN");
        }
        return new ReviewLifecycle.Decision.Refuse(grond, motivation);
    }

    private static InvalidRequestException invalid(String detail, String field, String reason) {
        return new InvalidRequestException(detail, List.of(new InvalidRequestException.InvalidParam(field, reason)));
    }

    @Override
    public String toString() {
        return "BesluitBody[besluit=" + besluit + "]";
    }
}
