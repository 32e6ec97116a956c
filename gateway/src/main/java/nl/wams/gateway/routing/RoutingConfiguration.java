package nl.wams.gateway.routing;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import nl.wams.adapters.PartyAdapter;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.federation.FederationSetup;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires adapters, the per-party routes and the fan-out from the loaded configuration. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    /** Parallel party calls across all requests; a request waits in the queue when all are busy. */
    private static final int FAN_OUT_THREADS = 64;

    /** Adapter calls in flight across all requests, late ones (up to twice a timeout) included. */
    private static final int PARTY_CALL_THREADS = 512;

    @Bean
    AdapterFactory adapterFactory(LoadedConfig config, ObjectProvider<FederationSetup> federation, Clock clock) {
        return new AdapterFactory(config, federation::getObject, clock);
    }

    @Bean
    Map<String, PartyAdapter> partyAdapters(AdapterFactory factory) {
        return factory.createAll();
    }

    @Bean
    PartyRoutes partyRoutes(
            LoadedConfig config,
            Map<String, PartyAdapter> partyAdapters,
            ExecutorService partyCalls,
            ObjectProvider<LateAnswers> lateAnswers,
            ObjectProvider<PartyCallObserver> observer) {
        LateAnswers late = lateAnswers.getIfAvailable(() -> (party, transaction, answer, after) -> {});
        return new PartyRoutes(
                config.gateway().parties(),
                partyAdapters,
                partyCalls,
                late,
                observer.getIfAvailable(() -> PartyCallObserver.NONE));
    }

    /**
     * The adapter calls themselves: one thread per call in flight, up to a bound (then a party is
     * "not asked" rather than waiting past its deadline); a call past its deadline finishes here.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService partyCalls() {
        return new ThreadPoolExecutor(0, PARTY_CALL_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "wams-party-call");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService fanOutExecutor() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                FAN_OUT_THREADS, FAN_OUT_THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, "wams-fan-out");
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @Bean
    FanOutRoute fanOutRoute(ExecutorService fanOutExecutor) {
        return new FanOutRoute(fanOutExecutor);
    }

    @Bean
    PartyFanOut partyFanOut(ProducerTemplate producerTemplate) {
        return new PartyFanOut(producerTemplate);
    }
}
