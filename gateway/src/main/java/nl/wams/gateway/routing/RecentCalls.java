package nl.wams.gateway.routing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import nl.wams.adapters.AdapterResult;

/** The last calls to one party (a bounded ring; thread-safe). */
final class RecentCalls {

    private final int size;
    private final Deque<PartyHealth.Call> calls = new ArrayDeque<>();

    RecentCalls(int size) {
        this.size = size;
    }

    /** @param answer the adapter's answer, or null when the deadline passed first */
    synchronized void record(AdapterResult answer, long tookNanos) {
        String outcome = answer == null ? "TIMEOUT" : answer.getClass().getSimpleName();
        calls.addFirst(new PartyHealth.Call(outcome, Duration.ofNanos(tookNanos)));
        if (calls.size() > size) {
            calls.removeLast();
        }
    }

    synchronized List<PartyHealth.Call> snapshot() {
        return new ArrayList<>(calls);
    }
}
