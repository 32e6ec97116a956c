package nl.wams.gateway.storage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's background jobs (expiring reviews, polling held answers, deleting what is past its
 * term, compacting the H2 file): each on one daemon thread of its own name, a fixed delay between
 * runs. A failed run is logged by the kind of failure only (a driver's message can quote data) and
 * the next run still comes. Every run is told to the {@link Observer}: the gateway's metrics say per
 * job how often it ran and failed, how long a run took, how many items it handled and when it last
 * succeeded (docs/operations.md), so that a job that fails or falls behind shows before the data it
 * should have deleted is weeks old. The caller stops a job ({@code shutdownNow}) when the gateway
 * stops.
 */
public final class PeriodicJobs {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);

    /** One run of a job; returns how many items it handled (rows deleted, held answers completed, ...). */
    @FunctionalInterface
    public interface Work {
        int run() throws Exception;
    }

    /** How a run ended. */
    public enum Outcome {
        COMPLETED,
        FAILED
    }

    /** One run: the job, how it ended, how long it took, how many items it handled (0 when it failed). */
    public record Run(String job, Outcome outcome, Duration took, int items) {}

    /** Told about every job and run (the gateway's metrics). */
    public interface Observer {
        Observer NONE = new Observer() {
            @Override
            public void scheduled(String job, Duration every) {}

            @Override
            public void ran(Run run) {}
        };

        /** A job was scheduled to run every {@code every}. */
        void scheduled(String job, Duration every);

        /** A run of a job ended. */
        void ran(Run run);
    }

    private final Observer observer;

    public PeriodicJobs(Observer observer) {
        this.observer = observer;
    }

    /** Starts {@code work} every {@code every}, first after one interval. */
    public ScheduledExecutorService start(String name, Duration every, Work work) {
        ScheduledExecutorService scheduler = idle(name);
        observer.scheduled(name, every);
        scheduler.scheduleWithFixedDelay(
                () -> runOnce(name, work), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** One run of {@code work} as a job runs it: never throws, tells the observer. */
    void runOnce(String name, Work work) {
        long start = System.nanoTime();
        Outcome outcome = Outcome.COMPLETED;
        int items = 0;
        try {
            items = work.run();
        } catch (Exception e) {
            outcome = Outcome.FAILED;
            log.warn("{} failed: {}", name, e.getClass().getSimpleName());
        }
        try {
            observer.ran(new Run(name, outcome, Duration.ofNanos(System.nanoTime() - start), items));
        } catch (RuntimeException e) {
            // A metric that cannot be recorded must not stop the job: the next run still comes.
            log.warn("{}: run not recorded: {}", name, e.getClass().getSimpleName());
        }
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
