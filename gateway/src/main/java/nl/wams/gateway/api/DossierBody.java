package nl.wams.gateway.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.wams.gateway.coordination.Part;
import nl.wams.gateway.requester.AnswerCheck;

/**
 * The JSON body of {@code POST /api/v1/zaken/{kenmerk}/dossier}: an agreement (what, who, by
 * when), a progress note or an adjustment of the approach (text).
 */
record DossierBody(
        @NotNull Soort soort,
        @Size(max = AnswerCheck.MAX_TEXT) String tekst,
        @Size(max = 500) String wat,
        @Size(max = 200) String wie,
        @Pattern(regexp = "[0-9]{4}-[0-9]{2}-[0-9]{2}") String uiterlijk) {

    enum Soort {
        AFSPRAAK,
        VOORTGANG,
        BIJSTELLING
    }

    Part.Kind kind() {
        return Part.Kind.valueOf(soort.name());
    }

    /** The entry; what belongs to which kind is checked here. */
    Part.Content content() {
        if (soort == Soort.AFSPRAAK) {
            if (wat == null || wat.isBlank()) {
                throw ZaakBody.invalid("wat", "verplicht bij een afspraak");
            }
            if (wie == null || wie.isBlank()) {
                throw ZaakBody.invalid("wie", "verplicht bij een afspraak");
            }
            ZaakBody.plain("wat", wat);
            ZaakBody.plain("wie", wie);
            return new Part.Agreement(wat.strip(), wie.strip(), uiterlijk);
        }
        if (tekst == null || tekst.isBlank()) {
            throw ZaakBody.invalid("tekst", "verplicht bij voortgang en bijstelling");
        }
        ZaakBody.plain("tekst", tekst);
        return new Part.Note(tekst.strip());
    }

    @Override
    public String toString() {
        return "DossierBody[soort=" + soort + "]";
    }
}
