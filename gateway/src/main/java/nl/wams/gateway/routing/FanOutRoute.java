package nl.wams.gateway.routing;

import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;

/**
 * Sends one request's party questions in parallel to the party routes and gathers the answers
 * into one list (in completion order; {@link PartyFanOut} restores the request order).
 */
public final class FanOutRoute extends RouteBuilder {

    static final String ENDPOINT = "direct:fan-out";
    private static final String PARTY_HEADER = "wamsPartyId";

    private final ExecutorService executor;

    public FanOutRoute(ExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId("fan-out")
                .split(
                        body(),
                        AggregationStrategies.flexible(PartyAnswer.class).accumulateInCollection(ArrayList.class))
                .parallelProcessing()
                .executorService(executor)
                .process(e -> e.getMessage()
                        .setHeader(
                                PARTY_HEADER,
                                e.getMessage().getBody(PartyCall.class).partyId()))
                .toD("direct:party-${header." + PARTY_HEADER + "}")
                .end();
    }
}
