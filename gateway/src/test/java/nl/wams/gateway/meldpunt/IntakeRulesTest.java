package nl.wams.gateway.meldpunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.wams.gateway.config.GatewayConfig.SignalField;
import org.junit.jupiter.api.Test;

class IntakeRulesTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-30");
    static final Set<SignalField> NOTHING = EnumSet.noneOf(SignalField.class);

    static Submission concern(String text) {
        return new Submission(false, null, text, null, false, null);
    }

    static List<String> fields(Submission s, Set<SignalField> required, Signal.Channel channel) {
        return IntakeRules.check(IntakeRules.normalised(s), required, channel, TODAY).stream()
                .map(IntakeRules.Violation::field)
                .toList();
    }

    @Test
    void acceptsAConcernAloneWhenTheReportingPointRequiresNothingElse() {
        assertThat(fields(concern("Zorgen om de buurman"), NOTHING, Signal.Channel.BURGER))
                .isEmpty();
    }

    @Test
    void refusesABlankOrTooLongConcernAndControlCharacters() {
        assertThat(fields(concern("   "), NOTHING, Signal.Channel.BURGER)).containsExactly("zorgen");
        assertThat(fields(concern("x".repeat(IntakeRules.MAX_CONCERN + 1)), NOTHING, Signal.Channel.BURGER))
                .containsExactly("zorgen");
        assertThat(fields(concern("bel\u0007letje"), NOTHING, Signal.Channel.BURGER))
                .containsExactly("zorgen");
        assertThat(fields(concern("regel een\nregel twee"), NOTHING, Signal.Channel.BURGER))
                .isEmpty();
    }

    @Test
    void requiresWhatTheReportingPointConfigures() {
        assertThat(fields(
                        concern("Zorgen"),
                        EnumSet.of(
                                SignalField.NAAM,
                                SignalField.ADRES,
                                SignalField.BSN,
                                SignalField.SINDS,
                                SignalField.CONTACT),
                        Signal.Channel.BURGER))
                .containsExactlyInAnyOrder("persoon.naam", "persoon.adres", "persoon.bsn", "sinds", "melder.contact");
    }

    @Test
    void refusesABsnThatFailsTheElevenTestAndADateInTheFuture() {
        Submission s = new Submission(
                false,
                new Submission.Person(null, null, "123456789"),
                "Zorgen",
                TODAY.plusDays(1),
                false,
                new Submission.Reporter(null, null, "999990010"));
        assertThat(fields(s, NOTHING, Signal.Channel.BURGER))
                .containsExactlyInAnyOrder("persoon.bsn", "sinds", "melder.bsn");
    }

    @Test
    void takesContactDetailsOnlyWithConsentAndThenAWayToReachTheReporter() {
        Submission without = new Submission(
                false,
                null,
                "Zorgen",
                null,
                false,
                new Submission.Reporter(null, new Submission.Contact(false, null, "0612345678", null), null));
        assertThat(fields(without, NOTHING, Signal.Channel.BURGER)).containsExactly("melder.contact");
        Submission nothingToReach = new Submission(
                false,
                null,
                "Zorgen",
                null,
                false,
                new Submission.Reporter(null, new Submission.Contact(true, "J. Jansen", null, null), null));
        assertThat(fields(nothingToReach, NOTHING, Signal.Channel.BURGER)).containsExactly("melder.contact");
        Submission badEmail = new Submission(
                false,
                null,
                "Zorgen",
                null,
                false,
                new Submission.Reporter(null, new Submission.Contact(true, null, "06-1234 5678", "geen-adres"), null));
        assertThat(fields(badEmail, NOTHING, Signal.Channel.BURGER)).containsExactly("melder.contact.email");
    }

    @Test
    void aProfessionalNamesTheOrganisationAndGivesNoOwnBsn() {
        assertThat(fields(concern("Zorgen"), NOTHING, Signal.Channel.PROFESSIONAL))
                .containsExactly("melder.organisatie");
        Submission withBsn = new Submission(
                false, null, "Zorgen", null, false, new Submission.Reporter("Huisartsenpraktijk", null, "999990019"));
        assertThat(fields(withBsn, NOTHING, Signal.Channel.PROFESSIONAL)).containsExactly("melder.bsn");
    }

    @Test
    void normalisingStripsTextsAndDropsBlankOnes() {
        Submission s = IntakeRules.normalised(new Submission(
                false, new Submission.Person("  A. de Vries ", " ", null), " Zorgen ", null, false, null));
        assertThat(s.person().name()).isEqualTo("A. de Vries");
        assertThat(s.person().address()).isNull();
        assertThat(s.concern()).isEqualTo("Zorgen");
    }
}
