package nl.wams.gateway.meldpunt;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import nl.wams.gateway.config.GatewayConfig.SignalField;
import nl.wams.gateway.policy.Bsn;

/**
 * The rules a signal must meet before it is taken in, the same for the public form, the JSON
 * intake and professionals: the concern in plain text, what the reporting point requires, a BSN
 * that passes the 11-test, a date that is not in the future, contact details only with consent
 * (and then a way to reach the reporter), a professional's organisation. Every broken rule is
 * named by field, never with the value.
 */
public final class IntakeRules {

    /** The longest concern. */
    public static final int MAX_CONCERN = 4000;
    /** The longest name, address, organisation or contact value. */
    public static final int MAX_SHORT = 200;

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{6,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[A-Za-z]{2,}");

    private IntakeRules() {}

    /** One broken rule: the field (as the JSON body names it) and why. */
    public record Violation(String field, String reason) {}

    /**
     * The violations of {@code submission} for a reporting point that requires {@code required},
     * from a {@code channel}; empty when it may be taken in.
     */
    public static List<Violation> check(
            Submission submission, Set<SignalField> required, Signal.Channel channel, LocalDate today) {
        List<Violation> violations = new ArrayList<>();
        String concern = submission.concern();
        if (concern == null || concern.isBlank()) {
            violations.add(new Violation("zorgen", "verplicht: beschrijf wat u zorgen baart"));
        } else {
            text(violations, "zorgen", concern, MAX_CONCERN);
        }
        Submission.Person person = submission.person();
        text(violations, "persoon.naam", person.name(), MAX_SHORT);
        text(violations, "persoon.adres", person.address(), MAX_SHORT);
        if (person.bsn() != null && !Bsn.isValid(person.bsn())) {
            violations.add(new Violation("persoon.bsn", "9 cijfers die de elfproef doorstaan"));
        }
        requiredPresent(violations, required, SignalField.NAAM, "persoon.naam", person.name());
        requiredPresent(violations, required, SignalField.ADRES, "persoon.adres", person.address());
        requiredPresent(violations, required, SignalField.BSN, "persoon.bsn", person.bsn());
        if (submission.since() != null
                && (submission.since().isAfter(today) || submission.since().getYear() < 1900)) {
            violations.add(new Violation("sinds", "een datum, niet in de toekomst"));
        } else if (required.contains(SignalField.SINDS) && submission.since() == null) {
            violations.add(new Violation("sinds", "verplicht bij dit meldpunt"));
        }
        contact(violations, submission.reporter().contact(), required.contains(SignalField.CONTACT));
        Submission.Reporter reporter = submission.reporter();
        if (channel == Signal.Channel.PROFESSIONAL) {
            if (reporter.organisation() == null || reporter.organisation().isBlank()) {
                violations.add(new Violation("melder.organisatie", "verplicht voor een professional"));
            }
            if (reporter.bsn() != null) {
                violations.add(new Violation("melder.bsn", "alleen voor een burger die over een ander meldt"));
            }
        }
        text(violations, "melder.organisatie", reporter.organisation(), MAX_SHORT);
        if (reporter.bsn() != null && !Bsn.isValid(reporter.bsn())) {
            violations.add(new Violation("melder.bsn", "9 cijfers die de elfproef doorstaan"));
        }
        return violations;
    }

    private static void contact(List<Violation> violations, Submission.Contact contact, boolean required) {
        boolean given = contact.name() != null || contact.phone() != null || contact.email() != null;
        if (!contact.allowed()) {
            if (given) {
                violations.add(new Violation(
                        "melder.contact",
                        "alleen met toestemming voor contact (toestemming: true); laat ze anders weg"));
            }
            if (required) {
                violations.add(
                        new Violation("melder.contact", "dit meldpunt neemt altijd contact op: geef toestemming"));
            }
            return;
        }
        text(violations, "melder.contact.naam", contact.name(), MAX_SHORT);
        if (contact.phone() == null && contact.email() == null) {
            violations.add(new Violation("melder.contact", "een telefoonnummer of e-mailadres"));
        }
        if (contact.phone() != null && !PHONE.matcher(contact.phone()).matches()) {
            violations.add(new Violation("melder.contact.telefoon", "een telefoonnummer (cijfers, spaties, +, -)"));
        }
        if (contact.email() != null
                && (contact.email().length() > MAX_SHORT
                        || !EMAIL.matcher(contact.email()).matches())) {
            violations.add(new Violation("melder.contact.email", "een e-mailadres"));
        }
    }

    private static void requiredPresent(
            List<Violation> violations, Set<SignalField> required, SignalField field, String name, String value) {
        if (required.contains(field) && (value == null || value.isBlank())) {
            violations.add(new Violation(name, "verplicht bij dit meldpunt"));
        }
    }

    private static void text(List<Violation> violations, String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            violations.add(new Violation(field, "ten hoogste " + max + " tekens"));
        } else if (!plain(value)) {
            violations.add(new Violation(field, "platte tekst, geen stuurtekens"));
        }
    }

    /** Text without control characters except line breaks and tabs. */
    public static boolean plain(String text) {
        return text.codePoints().noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
    }

    /** The submission with every text stripped and blank texts absent. */
    static Submission normalised(Submission s) {
        Submission.Person p = s.person();
        Submission.Reporter r = s.reporter();
        Submission.Contact c = r.contact();
        return new Submission(
                s.aboutSelf(),
                new Submission.Person(strip(p.name()), strip(p.address()), strip(p.bsn())),
                strip(s.concern()),
                s.since(),
                s.acute(),
                new Submission.Reporter(
                        strip(r.organisation()),
                        new Submission.Contact(c.allowed(), strip(c.name()), strip(c.phone()), strip(c.email())),
                        strip(r.bsn())));
    }

    private static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
