package nl.wams.gateway.audit;

import java.util.List;

/**
 * What happened, as the caller of the audit log describes it. The log adds node, sequence, ids,
 * time and hashes ({@link AuditRecord}). Subjects are pseudonyms, never a BSN. {@code configVersion}
 * names the configuration whose rules decided the event (docs/operations.md).
 */
public record AuditEntry(
        AuditEvent event,
        String transactionId,
        String requesterOin,
        String userRef,
        String partyId,
        String partyOin,
        String purpose,
        String legalBasis,
        String phase,
        String caseRef,
        List<String> subjects,
        List<String> categoriesAsked,
        List<String> categoriesReleased,
        List<String> fieldsRemoved,
        String outcome,
        String ground,
        String motivation,
        String configVersion) {

    public AuditEntry {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        categoriesAsked = categoriesAsked == null ? List.of() : List.copyOf(categoriesAsked);
        categoriesReleased = categoriesReleased == null ? List.of() : List.copyOf(categoriesReleased);
        fieldsRemoved = fieldsRemoved == null ? List.of() : List.copyOf(fieldsRemoved);
    }

    public static Builder of(AuditEvent event, String transactionId) {
        return new Builder(event, transactionId);
    }

    /** Builds an entry; unset fields stay empty. */
    public static final class Builder {
        private final AuditEvent event;
        private final String transactionId;
        private String requesterOin;
        private String userRef;
        private String partyId;
        private String partyOin;
        private String purpose;
        private String legalBasis;
        private String phase;
        private String caseRef;
        private List<String> subjects;
        private List<String> categoriesAsked;
        private List<String> categoriesReleased;
        private List<String> fieldsRemoved;
        private String outcome;
        private String ground;
        private String motivation;
        private String configVersion;

        private Builder(AuditEvent event, String transactionId) {
            this.event = event;
            this.transactionId = transactionId;
        }

        public Builder requester(String oin, String user) {
            this.requesterOin = oin;
            this.userRef = user;
            return this;
        }

        public Builder party(String id, String oin) {
            this.partyId = id;
            this.partyOin = oin;
            return this;
        }

        public Builder purpose(String purpose, String legalBasis, String phase, String caseRef) {
            this.purpose = purpose;
            this.legalBasis = legalBasis;
            this.phase = phase;
            this.caseRef = caseRef;
            return this;
        }

        public Builder subjects(List<String> pseudonyms) {
            this.subjects = pseudonyms;
            return this;
        }

        public Builder categories(List<String> asked, List<String> released) {
            this.categoriesAsked = asked;
            this.categoriesReleased = released;
            return this;
        }

        public Builder fieldsRemoved(List<String> names) {
            this.fieldsRemoved = names;
            return this;
        }

        public Builder outcome(String outcome, String ground, String motivation) {
            this.outcome = outcome;
            this.ground = ground;
            this.motivation = motivation;
            return this;
        }

        /** The version of the configuration whose rules decided this (null: none applies, or before versions). */
        public Builder configVersion(String version) {
            this.configVersion = version;
            return this;
        }

        public AuditEntry build() {
            return new AuditEntry(
                    event,
                    transactionId,
                    requesterOin,
                    userRef,
                    partyId,
                    partyOin,
                    purpose,
                    legalBasis,
                    phase,
                    caseRef,
                    subjects,
                    categoriesAsked,
                    categoriesReleased,
                    fieldsRemoved,
                    outcome,
                    ground,
                    motivation,
                    configVersion);
        }
    }
}
