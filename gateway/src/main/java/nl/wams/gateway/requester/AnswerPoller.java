package nl.wams.gateway.requester;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.request.DataRequestResult;
import nl.wams.gateway.request.PartyResult;
import nl.wams.gateway.routing.HeldAnswerPolls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the final answers of requests that wait for a professional at a party: polls each
 * party's status resource with bounded exponential backoff, verifies and minimises the answer
 * like any other, logs it, and completes the stored result. Everything it needs is in the
 * database, so polling survives restarts of either gateway and any replica can do it.
 *
 * <p>Every held answer ends: with the party's final answer; at once when the party's gateway no
 * longer knows the request or answers something invalid; or as {@code NIET_BEANTWOORD} after
 * {@code maxFailures} polls in a row that learnt nothing, or {@code maxWait} after the request.
 * Each end is logged with its reason, in the same transaction as the completed result.
 */
public final class AnswerPoller {

    private static final Logger log = LoggerFactory.getLogger(AnswerPoller.class);
    private static final int BATCH = 50;

    private final HeldAnswerPolls polls;
    private final PendingAnswers pending;
    private final ResultStore results;
    private final AnswerRelease release;
    private final ActiveRules rules;
    private final RequestAudit audit;
    private final Clock clock;
    private final Duration first;
    private final Duration max;
    private final int maxFailures;
    private final Duration maxWait;

    AnswerPoller(
            HeldAnswerPolls polls,
            PendingAnswers pending,
            ResultStore results,
            AnswerRelease release,
            ActiveRules rules,
            RequestAudit audit,
            Clock clock,
            Duration first,
            Duration max,
            int maxFailures,
            Duration maxWait) {
        this.polls = polls;
        this.pending = pending;
        this.results = results;
        this.release = release;
        this.rules = rules;
        this.audit = audit;
        this.clock = clock;
        this.first = first;
        this.max = max;
        this.maxFailures = maxFailures;
        this.maxWait = maxWait;
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
        if (stored.isEmpty()) {
            // Only after the result's own retention, which is longer than the longest wait.
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
        AdapterResult answer = polls.poll(due.partyId(), due.statusUrl(), due.requestJws(), question)
                .orElseGet(() -> new AdapterResult.NotAnswered(
                        "the party is no longer configured with an adapter that holds answers: its held answer"
                                + " cannot be fetched"));
        boolean overdue = !clock.instant().isBefore(result.received().plus(maxWait));
        if (answer instanceof AdapterResult.Pending) {
            if (!overdue) {
                pending.reschedule(due, next(due.attempts() + 1));
                return false;
            }
            answer = new AdapterResult.NotAnswered("no decision of the party within the longest wait of "
                    + text(maxWait) + " (" + (due.attempts() + 1) + " polls): the gateway stopped asking");
        } else if (answer instanceof AdapterResult.Unreachable unreachable) {
            int failures = due.failures() + 1;
            if (failures < maxFailures && !overdue) {
                pending.rescheduleAfterFailure(due, next(due.attempts() + 1), unreachable.reason());
                return false;
            }
            answer = new AdapterResult.NotAnswered("the party's gateway could not be asked for its decision ("
                    + failures + " failed polls in a row, last: " + unreachable.reason() + "): the gateway stopped"
                    + " asking");
        }
        complete(due, result, answer);
        return true;
    }

    /** A duration as the configuration writes it: {@code 30d}, {@code 12h}, {@code 3s}. */
    static String text(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** The records, the completed result and the end of polling: one transaction. */
    private void complete(PendingAnswers.Pending due, DataRequestResult result, AdapterResult answer)
            throws SQLException {
        DataRequest request = result.request();
        // A held answer leaves under the rules in force when it is released.
        Rules in = rules.current();
        PartyResult partyResult = release.release(due.partyId(), answer, request, in);
        List<PartyResult> updated = new ArrayList<>();
        result.results().forEach(r -> updated.add(r.party().equals(due.partyId()) ? partyResult : r));
        DataRequestResult completed = new DataRequestResult(
                result.id(), result.requester(), result.received(), clock.instant(), request, updated);
        ResultStore.Row row = results.row(completed);
        audit.trail(result.id(), result.requester(), request, in.version()).released(List.of(partyResult), c -> {
            results.put(c, row);
            pending.remove(c, due);
        });
    }
}
