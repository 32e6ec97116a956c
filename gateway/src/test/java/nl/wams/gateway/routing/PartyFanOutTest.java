package nl.wams.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import nl.wams.adapters.AdapterResult;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fan-out through real Camel routes: one party is asked on the caller's thread without the
 * fan-out pool, several are asked at the same time through it, and the answers come back in the
 * order of the request whatever order they arrive in.
 */
class PartyFanOutTest {

    static final List<String> PARTIES = List.of("ggz", "woningcorporatie", "school");

    final ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(4);
    final Map<String, String> askedOn = new ConcurrentHashMap<>();
    CountDownLatch together;
    CamelContext camel;
    PartyFanOut fanOut;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new FanOutRoute(pool));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String party : PARTIES) {
                    from(PartyRoutes.partyEndpoint(party)).process(e -> {
                        PartyCall call = e.getMessage().getBody(PartyCall.class);
                        askedOn.put(call.partyId(), Thread.currentThread().getName());
                        if (together != null) {
                            // Every party of the request is being asked at once, or this waits in vain.
                            together.countDown();
                            together.await(10, TimeUnit.SECONDS);
                        }
                        e.getMessage().setBody(new PartyAnswer(call.partyId(), new AdapterResult.NotAnswered("test")));
                    });
                }
            }
        });
        camel.start();
        fanOut = new PartyFanOut(camel.createProducerTemplate());
    }

    @AfterEach
    void stop() {
        camel.stop();
        pool.shutdownNow();
    }

    static List<PartyCall> calls(List<String> parties) {
        return parties.stream()
                .map(p -> new PartyCall(p, PartyGuardTest.QUESTION))
                .toList();
    }

    @Test
    void oneQuestionIsAskedOnTheCallersThreadWithoutTheFanOutPool() {
        List<PartyAnswer> answers = fanOut.ask(calls(List.of("woningcorporatie")));

        assertThat(answers).extracting(PartyAnswer::partyId).containsExactly("woningcorporatie");
        assertThat(answers.get(0).result()).isInstanceOf(AdapterResult.NotAnswered.class);
        assertThat(askedOn)
                .containsEntry("woningcorporatie", Thread.currentThread().getName());
        assertThat(pool.getTaskCount()).isZero();
    }

    @Test
    void severalQuestionsAreAskedAtOnceAndAnsweredInTheRequestsOrder() {
        together = new CountDownLatch(PARTIES.size());
        List<String> order = List.of("school", "ggz", "woningcorporatie");

        List<PartyAnswer> answers = fanOut.ask(calls(order));

        assertThat(answers).extracting(PartyAnswer::partyId).containsExactlyElementsOf(order);
        assertThat(together.getCount()).isZero();
        assertThat(pool.getTaskCount()).isPositive();
        assertThat(askedOn.values()).doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void noQuestionAsksNobody() {
        assertThat(fanOut.ask(List.of())).isEmpty();
        assertThat(askedOn).isEmpty();
    }
}
