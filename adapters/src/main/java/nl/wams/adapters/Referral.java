package nl.wams.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A signal the reporting point routes to a desk: what the desk's field profile let through,
 * nothing else. The BSN is there only when the reporter knew it and the desk's profile allows it.
 *
 * @param transactionId the end-to-end {@code Fsc-Transaction-Id}
 * @param purpose the purpose the routing is bound to ({@code meldpunt-doorgeleiding})
 * @param legalBasis the legal basis' id, as the purpose register names it
 * @param reference the reporting point's reference of the signal (the desk quotes it back)
 * @param routing this routing's id (one signal may be routed again, after a desk could not be reached)
 * @param bsn the person's BSN, or null
 * @param fields the signal's fields after the desk's profile, in the catalogue's category {@code melding}
 * @param removed the names of fields the profile removed (never values)
 */
public record Referral(
        String transactionId,
        String purpose,
        String legalBasis,
        String reference,
        String routing,
        String bsn,
        Map<String, JsonNode> fields,
        List<String> removed) {

    /** The catalogue category a signal's fields belong to. */
    public static final String CATEGORY = "melding";

    public Referral {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(routing, "routing");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        removed = List.copyOf(removed);
    }

    /** Never print the BSN or a value: records end up in exception messages and debug logs. */
    @Override
    public String toString() {
        return "Referral[reference=" + reference + ", fields=" + fields.keySet() + "]";
    }
}
