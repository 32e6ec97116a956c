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

    /** Work that carries a transaction id in its thread's log context until it is closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Puts the transaction id in this thread's log context until the returned scope is closed,
     * which puts back what was there before: a request's own thread that asks a party itself keeps
     * its transaction id on the lines it logs after the call.
     */
    public static Scope transaction(String transactionId) {
        String before = MDC.get(TRANSACTION);
        MDC.put(TRANSACTION, transactionId);
        return () -> {
            if (before == null) {
                MDC.remove(TRANSACTION);
            } else {
                MDC.put(TRANSACTION, before);
            }
        };
    }

    /** {@code work}, run on another thread with the transaction id in that thread's log context. */
    public static <T> Supplier<T> carrying(String transactionId, Supplier<T> work) {
        return () -> {
            try (Scope ignored = transaction(transactionId)) {
                return work.get();
            }
        };
    }
}
