package nl.wams.gateway.routing;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.wams.adapters.AdapterResult;
import org.apache.camel.ProducerTemplate;

/**
 * Asks the parties of one request through the Camel routes and returns their answers in request
 * order: several at once through the fan-out route, a single party straight through its own route
 * on the caller's thread (nothing to run in parallel, so no hand-over to the fan-out pool and back;
 * the party's guard still runs the call on a thread of its own, within the party's deadline).
 */
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
        if (calls.size() == 1) {
            PartyCall call = calls.get(0).startingAt(started);
            PartyAnswer answer =
                    producer.requestBody(PartyRoutes.partyEndpoint(call.partyId()), call, PartyAnswer.class);
            return List.of(answer != null ? answer : noAnswer(call));
        }
        List<PartyCall> stamped = calls.stream().map(c -> c.startingAt(started)).toList();
        List<?> answers = producer.requestBody(FanOutRoute.ENDPOINT, stamped, List.class);
        Map<String, PartyAnswer> byParty = answers.stream()
                .map(PartyAnswer.class::cast)
                .collect(Collectors.toMap(PartyAnswer::partyId, Function.identity()));
        return calls.stream()
                .map(c -> byParty.getOrDefault(c.partyId(), noAnswer(c)))
                .toList();
    }

    private static PartyAnswer noAnswer(PartyCall call) {
        return new PartyAnswer(call.partyId(), new AdapterResult.Unreachable("no answer from route"));
    }
}
