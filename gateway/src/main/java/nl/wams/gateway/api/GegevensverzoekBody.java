package nl.wams.gateway.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import nl.wams.gateway.request.DataRequest;

/** The JSON body of {@code POST /api/v1/gegevensverzoeken}, in the API's Dutch words. */
record GegevensverzoekBody(
        @NotBlank @Size(max = 64) String doel,
        @NotBlank @Size(max = 64) String grondslag,
        @NotBlank @Size(max = 32) String fase,
        @NotNull DataRequest.Trigger aanleiding,
        @NotBlank @Size(max = 100) String zaakkenmerk,
        @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid Persoon> personen,
        @NotNull @Size(max = 10) List<@NotNull @Valid PartijVraag> partijen,
        @Size(max = 4000) String motivering) {

    record Persoon(
            @NotNull @Size(max = 9) String bsn, @NotNull DataRequest.Role rol) {
        @Override
        public String toString() {
            return "Persoon[rol=" + rol + "]";
        }
    }

    record PartijVraag(
            @NotBlank @Size(max = 64) String partij,
            @NotNull @Size(max = 20) List<@NotBlank String> categorieen) {}

    DataRequest toDataRequest() {
        return new DataRequest(
                doel,
                grondslag,
                fase,
                aanleiding,
                zaakkenmerk,
                personen.stream()
                        .map(p -> new DataRequest.Subject(p.bsn(), p.rol()))
                        .toList(),
                partijen.stream()
                        .map(p -> new DataRequest.PartyQuestion(p.partij(), p.categorieen()))
                        .toList(),
                motivering);
    }
}
