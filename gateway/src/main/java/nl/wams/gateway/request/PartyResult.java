package nl.wams.gateway.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.wams.adapters.RefusalGround;

/**
 * The outcome for one party, with the released data per known subject.
 *
 * @param party party id
 * @param partyName the party's name
 * @param outcome the outcome
 * @param ground the refusal ground when refused
 * @param motivation the party's motivation when refused
 * @param explanation a technical explanation for non-refusal failures (never personal data)
 * @param removedFields names of fields removed before release (never values)
 * @param subjects released data for each subject the party knows
 */
public record PartyResult(
        String party,
        String partyName,
        Outcome outcome,
        RefusalGround ground,
        String motivation,
        String explanation,
        List<String> removedFields,
        List<SubjectData> subjects) {

    public PartyResult {
        removedFields = List.copyOf(removedFields);
        subjects = List.copyOf(subjects);
    }

    /** Released canonical data for one subject: category -> field -> value. */
    public record SubjectData(DataRequest.Subject subject, Map<String, Map<String, JsonNode>> categories) {
        public SubjectData {
            categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
        }
    }
}
