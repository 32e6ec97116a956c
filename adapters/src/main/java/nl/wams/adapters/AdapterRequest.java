package nl.wams.adapters;

import java.util.List;
import java.util.Objects;

/**
 * One question to one party: which subjects, which categories, for which purpose.
 *
 * @param transactionId the end-to-end {@code Fsc-Transaction-Id}
 * @param purpose the purpose id the request is bound to
 * @param subjects the data subjects asked about (BSN never leaves the request body)
 * @param categories the category names asked of this party
 */
public record AdapterRequest(
        String transactionId, String purpose, List<Subject> subjects, List<String> categories, Context context) {

    public AdapterRequest {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(purpose, "purpose");
        subjects = List.copyOf(subjects);
        categories = List.copyOf(categories);
    }

    public AdapterRequest(String transactionId, String purpose, List<Subject> subjects, List<String> categories) {
        this(transactionId, purpose, subjects, categories, null);
    }

    /**
     * What a peer gateway needs besides the question itself to decide and to log: the legal
     * basis, phase, trigger, case reference, motivation and trace id. Backends that are not
     * gateways do not receive it.
     */
    public record Context(
            String legalBasis, String phase, String trigger, String caseReference, String motivation, String traceId) {}

    /** A data subject by BSN and role in the household. */
    public record Subject(String bsn, String role) {

        /** Never print the BSN: records end up in exception messages and debug logs. */
        @Override
        public String toString() {
            return "Subject[role=" + role + "]";
        }
    }
}
