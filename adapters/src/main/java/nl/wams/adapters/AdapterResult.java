package nl.wams.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a party's backend answered, already mapped onto canonical fields. */
public sealed interface AdapterResult {

    /**
     * The backend answered. Subjects the backend does not know are absent from {@code subjects}.
     *
     * @param subjects per known subject (by BSN) the canonical data: category -> field -> value
     * @param removedAtSource names of fields the source itself removed (a provider gateway's minimisation)
     */
    record Answered(List<SubjectData> subjects, List<String> removedAtSource) implements AdapterResult {
        public Answered {
            subjects = List.copyOf(subjects);
            removedAtSource = List.copyOf(removedAtSource);
        }

        public Answered(List<SubjectData> subjects) {
            this(subjects, List.of());
        }
    }

    /**
     * A professional at the party still has to decide.
     *
     * @param statusUrl where to ask for the final answer
     * @param binding what the final answer must be bound to (the signed request)
     */
    record Pending(String statusUrl, String binding) implements AdapterResult {
        @Override
        public String toString() {
            return "Pending[statusUrl=" + statusUrl + "]";
        }
    }

    /** The party's professional did not decide within the party's term. */
    record NotAnswered(String motivation) implements AdapterResult {}

    /** The backend knows none of the subjects. */
    record NotKnown() implements AdapterResult {}

    /** The backend refused, with its stated ground (a DOMAIN refusal-ground word) and motivation. */
    record Refused(RefusalGround ground, String motivation) implements AdapterResult {}

    /** Timeout, connection failure or 5xx: a technical outcome, not a refusal. */
    record Unreachable(String reason) implements AdapterResult {}

    /** The backend answered something the gateway cannot trust: not JSON, wrong shape, too big. */
    record InvalidAnswer(String reason) implements AdapterResult {}

    /** Canonical data for one subject: category -> field -> value. */
    record SubjectData(String bsn, Map<String, Map<String, JsonNode>> categories) {
        public SubjectData {
            // Keeps the backend's category order, so answers read the same every time.
            categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
        }

        @Override
        public String toString() {
            return "SubjectData[categories=" + categories.keySet() + "]";
        }
    }
}
