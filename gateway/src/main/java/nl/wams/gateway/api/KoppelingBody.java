package nl.wams.gateway.api;

import jakarta.validation.constraints.Pattern;

/**
 * The JSON body of {@code POST /api/v1/meldpunt/signalen/{referentie}/koppeling}: exactly one of a
 * case of the coordinated approach ({@code zaak}) or another signal about the same person ({@code melding}).
 */
record KoppelingBody(
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}") String zaak,

        @Pattern(regexp = "M-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")
        String melding) {

    void check() {
        if ((zaak == null) == (melding == null)) {
            throw ZaakBody.invalid("zaak", "precies één van zaak of melding");
        }
    }
}
