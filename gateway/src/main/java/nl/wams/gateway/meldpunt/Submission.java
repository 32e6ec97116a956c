package nl.wams.gateway.meldpunt;

import java.time.LocalDate;

/**
 * What a reporter submitted, as the intake reads it from the form or the JSON body before any
 * rule is checked (the rules are {@link IntakeRules}).
 *
 * @param aboutSelf the reporter reports about themselves
 * @param person about whom (each part optional unless the reporting point requires it)
 * @param concern what worries the reporter
 * @param since since when, if the reporter said
 * @param acute the reporter says it is acute (then nothing is taken in)
 * @param reporter who reports and whether and how they may be contacted
 */
public record Submission(
        boolean aboutSelf, Person person, String concern, LocalDate since, boolean acute, Reporter reporter) {

    public Submission {
        person = person == null ? new Person(null, null, null) : person;
        reporter = reporter == null ? new Reporter(null, null, null) : reporter;
    }

    /** The person the signal is about. */
    public record Person(String name, String address, String bsn) {
        @Override
        public String toString() {
            return "Person[named=" + (name != null) + "]";
        }
    }

    /**
     * The reporter.
     *
     * @param organisation a professional's organisation (required from professionals)
     * @param contact whether and how the reporting point may contact the reporter
     * @param bsn the reporter's own BSN, if they want their own access report to list the signal
     */
    public record Reporter(String organisation, Contact contact, String bsn) {
        public Reporter {
            contact = contact == null ? new Contact(false, null, null, null) : contact;
        }

        @Override
        public String toString() {
            return "Reporter[contactAllowed=" + contact.allowed() + "]";
        }
    }

    /** Contact with the reporter: only with their consent, and then at least a phone number or an e-mail address. */
    public record Contact(boolean allowed, String name, String phone, String email) {
        /** Name, phone and e-mail as one line (only what was given); empty without consent. */
        public String summary() {
            if (!allowed) {
                return "";
            }
            StringBuilder line = new StringBuilder();
            for (String part : new String[] {name, phone, email}) {
                if (part != null) {
                    line.append(line.length() == 0 ? "" : ", ").append(part);
                }
            }
            return line.toString();
        }

        @Override
        public String toString() {
            return "Contact[allowed=" + allowed + "]";
        }
    }

    @Override
    public String toString() {
        return "Submission[acute=" + acute + "]";
    }
}
