package nl.wams.adapters;

/**
 * The trace id of an exchange: its transaction id (a UUID) without hyphens, 32 hex characters as
 * in W3C trace context. The one place it is derived, for the audit log's chains of records and the
 * trace id a peer request carries.
 */
public final class TraceIds {

    private TraceIds() {}

    public static String of(String transactionId) {
        return transactionId.replace("-", "");
    }
}
