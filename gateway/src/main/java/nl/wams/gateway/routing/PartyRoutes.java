package nl.wams.gateway.routing;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.PartyAdapter;
import nl.wams.gateway.config.GatewayConfig.Party;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.apache.camel.model.RouteTemplateDefinition;

/**
 * One route per configured party, instantiated from the route template of its adapter type. Each
 * route has its own resilience4j circuit breaker and time limit, so a slow or dead party never
 * holds up the others for longer than its own timeout.
 */
public final class PartyRoutes extends RouteBuilder {

    static final String CALL_PROPERTY = "wamsPartyCall";

    private final Iterable<Party> parties;
    private final Map<String, PartyAdapter> adapters;

    public PartyRoutes(Iterable<Party> parties, Map<String, PartyAdapter> adapters) {
        this.parties = parties;
        this.adapters = adapters;
    }

    /** The adapter types, each with its own route template (their shape is the same today). */
    static final List<String> ADAPTER_TYPES = List.of("rest", "soap", "peer");

    static String template(String adapterType) {
        return adapterType + "-party";
    }

    @Override
    public void configure() {
        ADAPTER_TYPES.forEach(this::defineTemplate);
        for (Party party : parties) {
            templatedRoute(template(party.adapter().type()))
                    .routeId("party-" + party.id())
                    .parameter("partyId", party.id())
                    .parameter("timeoutMillis", String.valueOf(party.timeout().toMillis()))
                    .parameter(
                            "failureRate", String.valueOf(party.circuitBreaker().failureRateThreshold()))
                    .parameter(
                            "minimumCalls",
                            String.valueOf(party.circuitBreaker().minimumCalls()))
                    .parameter(
                            "slidingWindow",
                            String.valueOf(party.circuitBreaker().slidingWindow()))
                    .parameter(
                            "openSeconds",
                            String.valueOf(Math.max(
                                    1, party.circuitBreaker().openDuration().toSeconds())));
        }
    }

    private void defineTemplate(String adapterType) {
        RouteTemplateDefinition template = routeTemplate(template(adapterType))
                .templateParameter("partyId")
                .templateParameter("timeoutMillis")
                .templateParameter("failureRate")
                .templateParameter("minimumCalls")
                .templateParameter("slidingWindow")
                .templateParameter("openSeconds");
        Resilience4jConfigurationDefinition breaker = template.from("direct:party-{{partyId}}")
                .setProperty(CALL_PROPERTY, body())
                .circuitBreaker()
                .resilience4jConfiguration();
        breaker.setTimeoutEnabled("true");
        breaker.setTimeoutDuration("{{timeoutMillis}}");
        breaker.setFailureRateThreshold("{{failureRate}}");
        breaker.setMinimumNumberOfCalls("{{minimumCalls}}");
        breaker.setSlidingWindowSize("{{slidingWindow}}");
        breaker.setWaitDurationInOpenState("{{openSeconds}}");
        breaker.end()
                .process(this::callAdapter)
                .onFallback()
                .process(PartyRoutes::fallback)
                .end();
    }

    private void callAdapter(Exchange exchange) throws PartyUnreachableException {
        PartyCall call = exchange.getProperty(CALL_PROPERTY, PartyCall.class);
        AdapterResult result = adapters.get(call.partyId()).fetch(call.request());
        if (result instanceof AdapterResult.Unreachable unreachable) {
            // Thrown so the breaker counts it as a failure; the fallback turns it back into a result.
            throw new PartyUnreachableException(unreachable.reason());
        }
        exchange.getMessage().setBody(new PartyAnswer(call.partyId(), result));
    }

    private static void fallback(Exchange exchange) {
        PartyCall call = exchange.getProperty(CALL_PROPERTY, PartyCall.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason;
        if (cause instanceof PartyUnreachableException unreachable) {
            reason = unreachable.getMessage();
        } else if (flag(exchange, ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_SHORT_CIRCUITED)
                || cause instanceof CallNotPermittedException) {
            reason = "circuit breaker open after repeated failures";
        } else if (flag(exchange, ExchangePropertyKey.CIRCUIT_BREAKER_RESPONSE_TIMED_OUT)
                || cause instanceof TimeoutException) {
            reason = "no answer within the party's timeout";
        } else {
            reason = "call failed: "
                    + (cause == null ? "unknown" : cause.getClass().getSimpleName());
        }
        exchange.getMessage().setBody(new PartyAnswer(call.partyId(), new AdapterResult.Unreachable(reason)));
    }

    private static boolean flag(Exchange exchange, ExchangePropertyKey key) {
        return Boolean.TRUE.equals(exchange.getProperty(key, Boolean.class));
    }
}
