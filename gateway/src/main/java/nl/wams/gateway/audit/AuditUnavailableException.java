package nl.wams.gateway.audit;

/** The audit log could not be written: the caller gets 503 and no data moves. */
public final class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
