package nl.wams.gateway.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.PartyAdapter;
import nl.wams.gateway.config.GatewayConfig.Party;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * One route per configured party, instantiated from the route template of its adapter type. Each
 * route asks its party through the party's {@link PartyGuard} (its own circuit breaker and hard
 * deadline), so a slow or dead party never holds up the others for longer than its own timeout.
 */
public final class PartyRoutes extends RouteBuilder implements HeldAnswerPolls {

    private final Iterable<Party> parties;
    private final Map<String, PartyGuard> guards = new LinkedHashMap<>();

    public PartyRoutes(
            Iterable<Party> parties,
            Map<String, PartyAdapter> adapters,
            Executor calls,
            LateAnswers late,
            PartyCallObserver observer) {
        this.parties = parties;
        parties.forEach(p -> guards.put(p.id(), new PartyGuard(p, adapters.get(p.id()), calls, late, observer)));
    }

    /** One route template serves every adapter type: the party's guard and adapter differ, the route does not. */
    static final String TEMPLATE = "party";

    /** The endpoint of one party's route (what the fan-out sends each question to). */
    static String partyEndpoint(String partyId) {
        return "direct:party-" + partyId;
    }

    @Override
    public void configure() {
        routeTemplate(TEMPLATE)
                .templateParameter("partyId")
                .from(partyEndpoint("{{partyId}}"))
                .process(this::ask);
        for (Party party : parties) {
            templatedRoute(TEMPLATE).routeId("party-" + party.id()).parameter("partyId", party.id());
        }
    }

    /** One party's breaker state, when the party is configured. */
    public Optional<PartyHealth.Breaker> breaker(String partyId) {
        return Optional.ofNullable(guards.get(partyId)).map(PartyGuard::breakerState);
    }

    /** Every party's health, in configuration order. */
    public List<PartyHealth> health() {
        return guards.values().stream().map(PartyGuard::health).toList();
    }

    @Override
    public Optional<AdapterResult> poll(String partyId, String statusUrl, String requestJws, AdapterRequest question) {
        PartyGuard guard = guards.get(partyId);
        if (guard == null) {
            return Optional.empty();
        }
        return guard.heldAnswers().map(held -> guard.poll(held, statusUrl, requestJws, question));
    }

    private void ask(Exchange exchange) {
        PartyCall call = exchange.getMessage().getBody(PartyCall.class);
        exchange.getMessage().setBody(guards.get(call.partyId()).ask(call));
    }
}
