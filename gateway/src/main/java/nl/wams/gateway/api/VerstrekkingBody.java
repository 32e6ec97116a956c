package nl.wams.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.gateway.requester.AnswerCheck;

/**
 * The JSON body of {@code POST /api/v1/zaken/{kenmerk}/verstrekkingen}: the coordinator provides
 * data about people of the case to a named party for a stated reason. Values are checked against
 * the catalogue by the service; the outbound profile decides what leaves.
 */
record VerstrekkingBody(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}")
        String partij,

        @NotNull @Size(min = 1, max = AnswerCheck.MAX_TEXT) String reden,
        @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid Persoon> personen) {

    record Persoon(
            @NotNull @Pattern(regexp = "[0-9]{9}") String bsn,

            @NotNull @Size(min = 1, max = 20)
            Map<
                            @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String,
                            @NotNull Map<@Pattern(regexp = "[A-Za-z][A-Za-z0-9]{0,63}") String, JsonNode>>
                    gegevens) {
        @Override
        public String toString() {
            return "Persoon[categorieen=" + gegevens.keySet() + "]";
        }
    }

    String reason() {
        ZaakBody.plain("reden", reden);
        return reden.strip();
    }

    List<PeerAnswer.Person> people() {
        return personen.stream()
                .map(p -> new PeerAnswer.Person(p.bsn(), new LinkedHashMap<>(p.gegevens())))
                .toList();
    }

    @Override
    public String toString() {
        return "VerstrekkingBody[partij=" + partij + "]";
    }
}
