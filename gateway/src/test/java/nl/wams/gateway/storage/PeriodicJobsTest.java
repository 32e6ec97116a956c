package nl.wams.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PeriodicJobsTest {

    /** Keeps what it is told. */
    static final class Recorded implements PeriodicJobs.Observer {
        final List<String> scheduled = new CopyOnWriteArrayList<>();
        final List<PeriodicJobs.Run> runs = new CopyOnWriteArrayList<>();

        @Override
        public void scheduled(String job, Duration every) {
            scheduled.add(job + " every " + every);
        }

        @Override
        public void ran(PeriodicJobs.Run run) {
            runs.add(run);
        }
    }

    @Test
    void tellsTheObserverHowARunEndedAndHowManyItemsItHandled() {
        Recorded observer = new Recorded();
        PeriodicJobs jobs = new PeriodicJobs(observer);

        jobs.runOnce("wams-test-expiry", () -> 3);
        jobs.runOnce("wams-test-expiry", () -> {
            throw new SQLException("database gone");
        });

        assertThat(observer.runs)
                .extracting(PeriodicJobs.Run::outcome, PeriodicJobs.Run::items)
                .containsExactly(tuple(PeriodicJobs.Outcome.COMPLETED, 3), tuple(PeriodicJobs.Outcome.FAILED, 0));
        assertThat(observer.runs).allSatisfy(run -> {
            assertThat(run.job()).isEqualTo("wams-test-expiry");
            assertThat(run.took().isNegative()).isFalse();
        });
    }

    @Test
    void aJobKeepsRunningAfterAFailedRunAndAnObserverThatThrows() throws Exception {
        CountDownLatch threeRuns = new CountDownLatch(3);
        PeriodicJobs jobs = new PeriodicJobs(new PeriodicJobs.Observer() {
            @Override
            public void scheduled(String job, Duration every) {}

            @Override
            public void ran(PeriodicJobs.Run run) {
                throw new IllegalStateException("metrics broken");
            }
        });
        ScheduledExecutorService job = jobs.start("wams-test-failing", Duration.ofMillis(5), () -> {
            threeRuns.countDown();
            throw new SQLException("database gone");
        });
        try {
            assertThat(threeRuns.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            job.shutdownNow();
        }
    }

    @Test
    void aScheduledJobIsToldOnceWithItsIntervalAndRunsOnItsOwnNamedThread() throws Exception {
        Recorded observer = new Recorded();
        CountDownLatch ran = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        ScheduledExecutorService job = new PeriodicJobs(observer).start("wams-test-job", Duration.ofMillis(5), () -> {
            threads.add(Thread.currentThread().getName());
            ran.countDown();
            return 0;
        });
        try {
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            job.shutdownNow();
        }
        assertThat(observer.scheduled).containsExactly("wams-test-job every PT0.005S");
        assertThat(threads).first().isEqualTo("wams-test-job");
    }
}
