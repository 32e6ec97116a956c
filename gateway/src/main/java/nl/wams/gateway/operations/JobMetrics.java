package nl.wams.gateway.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import nl.wams.gateway.storage.PeriodicJobs;

/**
 * The background jobs' metrics, tagged {@code job} (the job's thread name, e.g.
 * {@code wams-result-expiry}): runs by outcome ({@code wams_job_runs_total}), how long a run took
 * ({@code wams_job_duration_seconds}), items handled ({@code wams_job_items_total}: rows deleted,
 * held answers completed, ...), when a run last completed
 * ({@code wams_job_last_success_timestamp_seconds}, the moment the job was scheduled until then) and
 * how often it should run ({@code wams_job_interval_seconds}). One alert covers every job:
 * {@code time() - wams_job_last_success_timestamp_seconds > 3 * wams_job_interval_seconds}.
 */
final class JobMetrics implements PeriodicJobs.Observer {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    JobMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void scheduled(String job, Duration every) {
        Gauge.builder("wams.job.interval", every, d -> d.toMillis() / 1000.0)
                .description("How often a background job is scheduled to run")
                .baseUnit("seconds")
                .tag("job", job)
                .strongReference(true)
                .register(registry);
        job(job).lastSuccessMillis.set(clock.millis());
    }

    @Override
    public void ran(PeriodicJobs.Run run) {
        Job job = job(run.job());
        job.runs.get(run.outcome()).increment();
        job.duration.record(run.took());
        if (run.outcome() == PeriodicJobs.Outcome.COMPLETED) {
            job.items.increment(run.items());
            job.lastSuccessMillis.set(clock.millis());
        }
    }

    private Job job(String name) {
        return jobs.computeIfAbsent(name, n -> new Job(registry, n));
    }

    /** One job's meters, built once. */
    private static final class Job {
        private final Map<PeriodicJobs.Outcome, Counter> runs = new EnumMap<>(PeriodicJobs.Outcome.class);
        private final Timer duration;
        private final Counter items;
        private final AtomicLong lastSuccessMillis = new AtomicLong();

        Job(MeterRegistry registry, String name) {
            for (PeriodicJobs.Outcome outcome : PeriodicJobs.Outcome.values()) {
                runs.put(
                        outcome,
                        Counter.builder("wams.job.runs")
                                .description("Runs of a background job, by how they ended")
                                .tag("job", name)
                                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                                .register(registry));
            }
            duration = Timer.builder("wams.job.duration")
                    .description("How long one run of a background job took")
                    .tag("job", name)
                    .register(registry);
            items = Counter.builder("wams.job.items")
                    .description(
                            "Items a background job handled: rows deleted, held answers completed, compactions done")
                    .tag("job", name)
                    .register(registry);
            Gauge.builder("wams.job.last.success.timestamp", lastSuccessMillis, m -> m.get() / 1000.0)
                    .description("When a run of the job last completed (when it was scheduled, before its first run)")
                    .baseUnit("seconds")
                    .tag("job", name)
                    .strongReference(true)
                    .register(registry);
        }
    }
}
