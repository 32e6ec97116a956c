package nl.wams.gateway.routing;

/** Raised inside a party route so its circuit breaker counts the failure; mapped to NIET_BEREIKBAAR. */
final class PartyUnreachableException extends Exception {

    PartyUnreachableException(String reason) {
        super(reason, null, false, false);
    }
}
