package nl.wams.gateway.request;

import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The transaction id on every log line of the work it belongs to, also on the threads a request
 * hands work to (party calls, polls). Only the id: never a BSN, a name or content.
 */
public final class LogContext {

    /** The MDC key; in JSON logs the ECS field {@code transaction.id}. */
    public static final String TRANSACTION = "transaction.id";

    private LogContext() {}

    /** Puts the transaction id in this thread's log context until the returned handle is closed. */
    public static MDC.MDCCloseable transaction(String transactionId) {
        return MDC.putCloseable(TRANSACTION, transactionId);
    }

    /** {@code work}, run on another thread with the transaction id in that thread's log context. */
    public static <T> Supplier<T> carrying(String transactionId, Supplier<T> work) {
        return () -> {
            try (MDC.MDCCloseable ignored = transaction(transactionId)) {
                return work.get();
            }
        };
    }
}
