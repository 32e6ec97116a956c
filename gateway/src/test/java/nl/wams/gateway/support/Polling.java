package nl.wams.gateway.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Waiting for a condition with a bound: checks it every 50 ms, fails when the bound is reached. */
public final class Polling {

    private Polling() {}

    /** Until {@code condition} holds; AssertionError naming {@code what} after {@code bound}. */
    public static void until(Duration bound, String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!Boolean.TRUE.equals(condition.call())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound.toSeconds() + " s: " + what);
            }
            pause();
        }
    }

    /** The interval between two checks. */
    static void pause() {
        LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
}
