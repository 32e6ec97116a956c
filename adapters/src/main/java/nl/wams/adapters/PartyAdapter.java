package nl.wams.adapters;

/**
 * Asks one party's backend system for data and maps its answer onto canonical fields.
 *
 * <p>Implementations never throw for business outcomes (unknown subject, refusal, invalid
 * answer); those are {@link AdapterResult} variants. A backend that cannot be reached is reported
 * as {@link AdapterResult.Unreachable} so the caller's circuit breaker can count it.
 */
public interface PartyAdapter {

    /** Sends the question to the backend and returns what it answered, mapped and type-checked. */
    AdapterResult fetch(AdapterRequest request);
}
