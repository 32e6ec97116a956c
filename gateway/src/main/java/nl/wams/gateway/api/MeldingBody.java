package nl.wams.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import nl.wams.gateway.meldpunt.IntakeRules;
import nl.wams.gateway.meldpunt.Submission;

/**
 * The JSON body of a signal to the reporting point ({@code POST /api/v1/meldpunt/meldingen} from a
 * citizen's site, {@code POST /api/v1/meldpunt/beroepsmeldingen} from a professional). Read
 * strictly; the intake rules themselves are {@link IntakeRules}, shared with the web form.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MeldingBody(
        Boolean overZichzelf,
        @Valid Persoon persoon,
        @Size(max = 20_000) String zorgen,
        @Size(max = 10) String sinds,
        Boolean acuut,
        @Valid Melder melder) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Persoon(
            @Size(max = 1000) String naam,
            @Size(max = 1000) String adres,
            @Size(max = 20) String bsn) {
        @Override
        public String toString() {
            return "Persoon[naam=" + (naam != null) + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Melder(
            @Size(max = 1000) String organisatie,
            @Size(max = 20) String bsn,
            @Valid Contact contact) {
        @Override
        public String toString() {
            return "Melder[contact=" + (contact != null) + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Contact(
            Boolean toestemming,
            @Size(max = 1000) String naam,
            @Size(max = 1000) String telefoon,
            @Size(max = 1000) String email) {}

    /** A stored submission in the same shape, for staff (the one place these names are written and read). */
    static MeldingBody of(Submission s) {
        Submission.Contact c = s.reporter().contact();
        return new MeldingBody(
                s.aboutSelf(),
                new Persoon(s.person().name(), s.person().address(), s.person().bsn()),
                s.concern(),
                s.since() == null ? null : s.since().toString(),
                null,
                new Melder(
                        s.reporter().organisation(),
                        s.reporter().bsn(),
                        new Contact(c.allowed(), c.name(), c.phone(), c.email())));
    }

    /** The submission; a date that is not {@code yyyy-mm-dd} is refused here (400, field {@code sinds}). */
    Submission toSubmission() {
        LocalDate since = null;
        if (sinds != null) {
            try {
                since = LocalDate.parse(sinds);
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException(
                        "Veld 'sinds' is ongeldig.",
                        List.of(new InvalidRequestException.InvalidParam("sinds", "een datum als jjjj-mm-dd")));
            }
        }
        Persoon p = persoon == null ? new Persoon(null, null, null) : persoon;
        Melder m = melder == null ? new Melder(null, null, null) : melder;
        Contact c = m.contact() == null ? new Contact(false, null, null, null) : m.contact();
        return new Submission(
                Boolean.TRUE.equals(overZichzelf),
                new Submission.Person(p.naam(), p.adres(), p.bsn()),
                zorgen,
                since,
                Boolean.TRUE.equals(acuut),
                new Submission.Reporter(
                        m.organisatie(),
                        new Submission.Contact(Boolean.TRUE.equals(c.toestemming()), c.naam(), c.telefoon(), c.email()),
                        m.bsn()));
    }

    @Override
    public String toString() {
        return "MeldingBody[...]";
    }
}
