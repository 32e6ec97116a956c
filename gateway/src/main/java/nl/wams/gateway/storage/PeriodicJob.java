package nl.wams.gateway.storage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background job of the gateway (expiring reviews, polling held answers, deleting what is past
 * its term): one daemon thread of its own name, a fixed delay between runs. A failed run is logged
 * by the kind of failure only (a driver's message can quote data) and the next run still comes.
 * The caller stops it ({@code shutdownNow}) when the gateway stops.
 */
public final class PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);

    /** One run of the job. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private PeriodicJob() {}

    /** Starts {@code work} every {@code every}, first after one interval. */
    public static ScheduledExecutorService start(String name, Duration every, Work work) {
        ScheduledExecutorService scheduler = idle(name);
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        work.run();
                    } catch (Exception e) {
                        log.warn("{} failed: {}", name, e.getClass().getSimpleName());
                    }
                },
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** The job's thread with nothing scheduled: this gateway does not need the job. */
    public static ScheduledExecutorService idle(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
