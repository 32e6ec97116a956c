package nl.wams.gateway.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import nl.wams.gateway.coordination.Case;
import nl.wams.gateway.policy.Bsn;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.requester.AnswerCheck;

/** The JSON body that creates ({@code POST /api/v1/zaken}) or replaces ({@code PUT /api/v1/zaken/{kenmerk}}) a case. */
record ZaakBody(
        @Pattern(regexp = ZaakBody.REFERENCE) String zaakkenmerk,
        @NotNull DataRequest.Trigger aanleiding,
        @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid Persoon> personen,
        @Size(max = AnswerCheck.MAX_TEXT) String afbakening,
        @Valid Onderzoek onderzoek,
        @NotNull @Size(max = 4) Set<Case.@NotNull SocialLaw> wetten,
        @Size(max = 5) Set<Case.@NotNull AdjacentDomain> aanpalendeDomeinen,
        @Valid Coordinator coordinator,
        Boolean coordinatorAfgezien,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String> partijen) {

    /** A case reference: letters, digits and dashes, never nine digits in a row (no BSN in a URL). */
    static final String REFERENCE = "(?!.*[0-9]{9})[A-Za-z0-9][A-Za-z0-9-]{0,63}";

    record Persoon(
            @NotNull @Pattern(regexp = "[0-9]{9}") String bsn,
            @NotNull DataRequest.Role rol) {
        @Override
        public String toString() {
            return "Persoon[rol=" + rol + "]";
        }
    }

    record Onderzoek(
            @NotNull Case.Outcome uitkomst,
            @Size(max = AnswerCheck.MAX_TEXT) String reden) {}

    record Coordinator(
            @NotNull Case.CoordinatorKind soort,
            @NotNull @Size(min = 1, max = 200) String organisatie,
            @NotNull @Size(min = 1, max = 200) String naam) {}

    /** The case's details; what the schema cannot say (11-test, plain text) is checked here. */
    Case.Details toDetails() {
        for (int i = 0; i < personen.size(); i++) {
            if (!Bsn.isValid(personen.get(i).bsn())) {
                throw invalid("personen[" + i + "].bsn", "voldoet niet aan de elfproef");
            }
        }
        plain("afbakening", afbakening);
        plain("onderzoek.reden", onderzoek == null ? null : onderzoek.reden());
        if (coordinator != null) {
            plain("coordinator.naam", coordinator.naam());
            plain("coordinator.organisatie", coordinator.organisatie());
        }
        if (personen.stream().map(Persoon::bsn).distinct().count() != personen.size()) {
            throw invalid("personen", "een persoon komt meer dan eens voor");
        }
        return new Case.Details(
                aanleiding,
                personen.stream()
                        .map(p -> new DataRequest.Subject(p.bsn(), p.rol()))
                        .toList(),
                afbakening,
                onderzoek == null ? null : new Case.Investigation(onderzoek.uitkomst(), onderzoek.reden()),
                wetten,
                aanpalendeDomeinen == null ? Set.of() : aanpalendeDomeinen,
                coordinator == null
                        ? null
                        : new Case.Coordinator(coordinator.soort(), coordinator.organisatie(), coordinator.naam()),
                Boolean.TRUE.equals(coordinatorAfgezien),
                partijen == null ? List.of() : partijen);
    }

    static void plain(String field, String text) {
        if (text != null && !AnswerCheck.plainText(text)) {
            throw invalid(field, "platte tekst, geen stuurtekens");
        }
    }

    static InvalidRequestException invalid(String field, String reason) {
        return new InvalidRequestException(
                "Veld '" + field + "' is ongeldig.", List.of(new InvalidRequestException.InvalidParam(field, reason)));
    }

    @Override
    public String toString() {
        return "ZaakBody[zaakkenmerk=" + zaakkenmerk + "]";
    }
}
