package nl.wams.adapters;

/**
 * The capability of an adapter whose party may hold an answer until a professional decides
 * ({@link AdapterResult.Pending}): fetching the final answer later.
 */
public interface HeldAnswers {

    /**
     * Asks for the final answer of a held request: {@link AdapterResult.Pending} while the party
     * still decides, {@link AdapterResult.Unreachable} when nothing was learnt this time (the
     * caller counts these), anything else is final.
     *
     * @param statusUrl where the pending answer said to ask
     * @param binding what the final answer must be bound to (the pending answer's binding)
     */
    AdapterResult poll(String statusUrl, String binding, AdapterRequest request);
}
