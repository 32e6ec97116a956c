package nl.wams.gateway.api;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.PartyAdapter;
import nl.wams.adapters.peer.PeerPartyAdapter;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.request.DataRequestResult;
import nl.wams.gateway.request.PartyResult;
import nl.wams.gateway.request.PendingAnswers;
import nl.wams.gateway.request.ResultStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the final answers of requests that wait for a professional at a party: polls each
 * party's status resource with bounded exponential backoff, verifies and minimises the answer
 * like any other, logs it, and completes the stored result. Everything it needs is in the
 * database, so polling survives restarts of either gateway and any replica can do it.
 */
public final class AnswerPoller {

    private static final Logger log = LoggerFactory.getLogger(AnswerPoller.class);
    private static final int BATCH = 50;

    private final Map<String, PartyAdapter> adapters;
    private final PendingAnswers pending;
    private final ResultStore results;
    private final AnswerRelease release;
    private final RequestAudit audit;
    private final Clock clock;
    private final Duration first;
    private final Duration max;

    AnswerPoller(
            Map<String, PartyAdapter> adapters,
            PendingAnswers pending,
            ResultStore results,
            AnswerRelease release,
            RequestAudit audit,
            Clock clock,
            Duration first,
            Duration max) {
        this.adapters = adapters;
        this.pending = pending;
        this.results = results;
        this.release = release;
        this.audit = audit;
        this.clock = clock;
        this.first = first;
        this.max = max;
    }

    /** When the next poll of this answer is due: first, 2 x first, 4 x first, ... at most max. */
    Instant next(int attempts) {
        long factor = 1L << Math.min(attempts, 20);
        Duration wait = first.multipliedBy(factor);
        return clock.instant().plus(wait.compareTo(max) > 0 ? max : wait);
    }

    /** One round over the answers that are due; returns how many completed. */
    public int pollOnce() {
        int completed = 0;
        try {
            for (PendingAnswers.Pending due : pending.due(clock.instant(), BATCH)) {
                if (poll(due)) {
                    completed++;
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("polling for held answers failed: {}", e.getClass().getSimpleName());
        }
        return completed;
    }

    private boolean poll(PendingAnswers.Pending due) throws SQLException {
        Optional<DataRequestResult> stored = results.get(due.requestId());
        if (stored.isEmpty() || !(adapters.get(due.partyId()) instanceof PeerPartyAdapter peer)) {
            pending.remove(due);
            return false;
        }
        DataRequestResult result = stored.get();
        DataRequest request = result.request();
        AdapterRequest question = new AdapterRequest(
                result.id().toString(),
                request.purpose(),
                request.adapterSubjects(),
                request.categoriesAskedOf(due.partyId()));
        Optional<AdapterResult> answer = peer.poll(due.statusUrl(), due.requestJws(), question);
        if (answer.isEmpty() || answer.get() instanceof AdapterResult.Pending) {
            pending.reschedule(due, next(due.attempts() + 1));
            return false;
        }
        PartyResult partyResult = release.release(due.partyId(), answer.get(), request);
        List<PartyResult> updated = new ArrayList<>();
        result.results().forEach(r -> updated.add(r.party().equals(due.partyId()) ? partyResult : r));
        DataRequestResult completed = new DataRequestResult(
                result.id(), result.requester(), result.received(), clock.instant(), request, updated);
        // The records, the completed result and the end of polling: one transaction.
        audit.trail(result.id(), result.requester(), request).released(List.of(partyResult), c -> {
            results.put(c, completed);
            pending.remove(c, due);
        });
        return true;
    }
}
