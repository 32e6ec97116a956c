package nl.wams.gateway.routing;

import java.time.Duration;
import nl.wams.adapters.AdapterResult;

/**
 * Told of an answer that arrived after its party's deadline, when the caller had already been
 * answered without it. Nothing of such an answer is released or stored; implementations record
 * that it came (so both organisations' logs can be reconciled) and must not throw.
 */
@FunctionalInterface
public interface LateAnswers {

    void arrived(String partyId, String transactionId, AdapterResult answer, Duration after);
}
