package nl.wams.gateway.routing;

/** Hears of every call to a party as it ends (for metrics): the party, the outcome's name and how long it took. */
@FunctionalInterface
public interface PartyCallObserver {

    PartyCallObserver NONE = (party, outcome, tookNanos) -> {};

    /** @param outcome the adapter result's kind ({@code Answered}, {@code Refused}, …) or {@code TIMEOUT} */
    void called(String party, String outcome, long tookNanos);
}
