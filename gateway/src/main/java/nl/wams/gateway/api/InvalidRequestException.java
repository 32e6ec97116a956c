package nl.wams.gateway.api;

import java.util.List;

/** The body is not a well-formed data request (400 {@code ongeldig-verzoek}). */
public final class InvalidRequestException extends RuntimeException {

    private final transient List<InvalidParam> params;

    public InvalidRequestException(String detail, List<InvalidParam> params) {
        super(detail, null, false, false);
        this.params = List.copyOf(params);
    }

    public List<InvalidParam> params() {
        return params;
    }

    /** One invalid field: its path and why (never its value). */
    public record InvalidParam(String name, String reason) {}
}
