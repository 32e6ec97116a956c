package nl.wams.adapters;

import java.util.Optional;

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

    /** How to fetch answers the party held for review, if its parties can hold answers at all. */
    default Optional<HeldAnswers> heldAnswers() {
        return Optional.empty();
    }
}
