package nl.wams.gateway.routing;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.wams.adapters.AdapterResult;
import org.apache.camel.ProducerTemplate;

/** Asks several parties at once through the Camel routes and returns their answers in request order. */
public final class PartyFanOut {

    private final ProducerTemplate producer;

    public PartyFanOut(ProducerTemplate producer) {
        this.producer = producer;
    }

    public List<PartyAnswer> ask(List<PartyCall> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        long started = System.nanoTime();
        List<PartyCall> stamped = calls.stream().map(c -> c.startingAt(started)).toList();
        List<?> answers = producer.requestBody(FanOutRoute.ENDPOINT, stamped, List.class);
        Map<String, PartyAnswer> byParty = answers.stream()
                .map(PartyAnswer.class::cast)
                .collect(Collectors.toMap(PartyAnswer::partyId, Function.identity()));
        return calls.stream()
                .map(c -> byParty.getOrDefault(
                        c.partyId(),
                        new PartyAnswer(c.partyId(), new AdapterResult.Unreachable("no answer from route"))))
                .toList();
    }
}
