package nl.wams.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
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

    /**
     * Gathers each party's answer into one list (a plain strategy: Camel's flexible one creates its
     * collection through the bean injector, reflection included, on every request).
     */
    @SuppressWarnings("unchecked")
    static Exchange collect(Exchange gathered, Exchange answered) {
        PartyAnswer answer = answered.getMessage().getBody(PartyAnswer.class);
        if (gathered == null) {
            List<PartyAnswer> answers = new ArrayList<>();
            answers.add(answer);
            answered.getMessage().setBody(answers);
            return answered;
        }
        gathered.getMessage().getBody(List.class).add(answer);
        return gathered;
    }

    @Override
    public void configure() {
        from(ENDPOINT)
                .routeId("fan-out")
                .split(body(), FanOutRoute::collect)
                .parallelProcessing()
                .executorService(executor)
                .process(e -> e.getMessage()
                        .setHeader(
                                PARTY_HEADER,
                                e.getMessage().getBody(PartyCall.class).partyId()))
                .toD(PartyRoutes.partyEndpoint("${header." + PARTY_HEADER + "}"))
                .end();
    }
}
