package nl.wams.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import nl.wams.gateway.storage.PeriodicJobs;
import nl.wams.gateway.storage.PeriodicJobs.Outcome;
import nl.wams.gateway.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobMetricsTest {

    static final Instant SCHEDULED = Instant.parse("2026-12-01T09:00:00Z");
    static final String JOB = "wams-result-expiry";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MutableClock clock = new MutableClock(SCHEDULED);
    final JobMetrics metrics = new JobMetrics(registry, clock);

    @BeforeEach
    void scheduleTheJobEveryMinute() {
        metrics.scheduled(JOB, Duration.ofMinutes(1));
    }

    double lastSuccess() {
        return registry.get("wams.job.last.success.timestamp")
                .tag("job", JOB)
                .gauge()
                .value();
    }

    double runs(String outcome) {
        return registry.get("wams.job.runs")
                .tag("job", JOB)
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    @Test
    void aScheduledJobShowsItsIntervalAndCountsAsSucceededWhenItWasScheduled() {
        assertThat(registry.get("wams.job.interval").tag("job", JOB).gauge().value())
                .isEqualTo(60.0);
        assertThat(lastSuccess()).isEqualTo(SCHEDULED.getEpochSecond());
        assertThat(runs("completed")).isZero();
    }

    @Test
    void aCompletedRunCountsItsItemsAndMovesTheLastSuccess() {
        clock.advance(Duration.ofMinutes(1));

        metrics.ran(new PeriodicJobs.Run(JOB, Outcome.COMPLETED, Duration.ofMillis(40), 1_000));

        assertThat(runs("completed")).isEqualTo(1);
        assertThat(registry.get("wams.job.items").tag("job", JOB).counter().count())
                .isEqualTo(1_000);
        assertThat(registry.get("wams.job.duration").tag("job", JOB).timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(40);
        assertThat(lastSuccess()).isEqualTo(SCHEDULED.plusSeconds(60).getEpochSecond());
    }

    @Test
    void aFailedRunIsCountedAndLeavesTheLastSuccessWhereItWas() {
        clock.advance(Duration.ofMinutes(5));

        metrics.ran(new PeriodicJobs.Run(JOB, Outcome.FAILED, Duration.ofMillis(3), 0));

        assertThat(runs("failed")).isEqualTo(1);
        assertThat(runs("completed")).isZero();
        assertThat(lastSuccess()).isEqualTo(SCHEDULED.getEpochSecond());
    }
}
