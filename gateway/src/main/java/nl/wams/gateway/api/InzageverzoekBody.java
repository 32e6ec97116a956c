package nl.wams.gateway.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The JSON body of {@code POST /api/v1/inzageverzoeken}: whose access report (the BSN is never in a
 * URL). A class, not a record, so that nothing prints the BSN.
 */
final class InzageverzoekBody {

    @NotNull
    @Pattern(regexp = "[0-9]{9}", message = "negen cijfers")
    private final String bsn;

    @JsonCreator
    InzageverzoekBody(@JsonProperty("bsn") String bsn) {
        this.bsn = bsn;
    }

    String bsn() {
        return bsn;
    }

    @Override
    public String toString() {
        return "InzageverzoekBody[]";
    }
}
