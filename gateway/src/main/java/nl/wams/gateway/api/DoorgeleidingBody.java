package nl.wams.gateway.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The JSON body of {@code POST /api/v1/meldpunt/signalen/{referentie}/doorgeleidingen}: which desk. */
record DoorgeleidingBody(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}")
        String loket) {}
