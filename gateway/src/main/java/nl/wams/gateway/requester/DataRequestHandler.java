package nl.wams.gateway.requester;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.TraceIds;
import nl.wams.gateway.audit.AuditUnavailableException;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.policy.PolicyRefusedException;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.request.DataRequestResult;
import nl.wams.gateway.request.PartyResult;
import nl.wams.gateway.routing.PartyAnswer;
import nl.wams.gateway.routing.PartyCall;
import nl.wams.gateway.routing.PartyFanOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requester flow for one data request: check it against the purpose register, ask the named
 * parties in parallel, minimise every answer, and aggregate one result per party.
 */
public final class DataRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(DataRequestHandler.class);

    private final ActiveRules rules;
    private final PartyFanOut fanOut;
    private final AnswerRelease release;
    private final ResultStore store;
    private final Clock clock;
    private final RequestAudit audit;
    private final PendingAnswers pendingAnswers;
    private final Supplier<Instant> firstPoll;

    DataRequestHandler(
            ActiveRules rules,
            PartyFanOut fanOut,
            AnswerRelease release,
            ResultStore store,
            Clock clock,
            RequestAudit audit,
            PendingAnswers pendingAnswers,
            Supplier<Instant> firstPoll) {
        this.rules = rules;
        this.fanOut = fanOut;
        this.release = release;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.pendingAnswers = pendingAnswers;
        this.firstPoll = firstPoll;
    }

    /**
     * Refuses with {@link PolicyRefusedException} before anything is sent when a rule is broken.
     * Fail closed: the request and its refusal or dispatch are committed to the audit log before
     * any party is asked; the answer records are committed in one transaction with the stored
     * result (and the held answers to fetch), so the log says "released" only about what the caller
     * gets. When that is not possible, {@link AuditUnavailableException} stops the flow (503).
     * Every party that was sent a question gets its closing record, also when asking failed inside
     * the gateway.
     */
    public DataRequestResult handle(UUID id, String requester, DataRequest request) {
        Instant received = clock.instant();
        // The rules in force now decide this request to its end, also if a reload replaces them meanwhile.
        Rules in = rules.current();
        RequestAudit.Trail trail = audit.trail(id, requester, request, in.version());
        List<Violation> violations = in.policy().check(request);
        if (!violations.isEmpty()) {
            trail.refused(violations);
            log.info(
                    "request refused (purpose {}): {}",
                    request.purpose(),
                    violations.stream().map(v -> v.rule().name()).distinct().toList());
            throw new PolicyRefusedException(violations);
        }
        trail.sending(request.parties());
        List<AdapterRequest.Subject> subjects = request.adapterSubjects();
        List<PartyCall> calls = request.parties().stream()
                .map(q -> new PartyCall(
                        q.party(),
                        new AdapterRequest(
                                id.toString(), request.purpose(), subjects, q.categories(), context(id, request))))
                .toList();
        List<PartyAnswer> answers;
        try {
            answers = fanOut.ask(calls);
        } catch (RuntimeException e) {
            log.warn(
                    "asking the parties failed inside the gateway: {}",
                    e.getClass().getSimpleName());
            answers = calls.stream()
                    .map(c -> new PartyAnswer(
                            c.partyId(),
                            new AdapterResult.Unreachable("the gateway could not ask this party (internal error)")))
                    .toList();
        }
        List<PartyResult> results = answers.stream()
                .map(a -> release.release(a.partyId(), a.result(), request, in))
                .toList();
        DataRequestResult result = new DataRequestResult(id, requester, received, clock.instant(), request, results);
        // Serialised and sealed here, on the request's thread; the writer's transaction only inserts.
        ResultStore.Row row;
        try {
            row = store.row(result);
        } catch (SQLException e) {
            throw new AuditUnavailableException("the result cannot be stored", e);
        }
        InTransaction keep = c -> store.insert(c, row);
        for (PartyAnswer answer : answers) {
            if (answer.result() instanceof AdapterResult.Pending held) {
                Instant first = firstPoll.get();
                keep = keep.andThen(
                        c -> pendingAnswers.add(c, id, answer.partyId(), held.statusUrl(), held.binding(), first));
            }
        }
        trail.released(results, keep);
        log.info(
                "request answered (purpose {}, {} subject(s)) in {} ms: {}",
                request.purpose(),
                request.subjects().size(),
                Duration.between(received, result.completed()).toMillis(),
                results.stream().map(r -> r.party() + "=" + r.outcome()).toList());
        return result;
    }

    private static AdapterRequest.Context context(UUID id, DataRequest request) {
        return new AdapterRequest.Context(
                request.legalBasis(),
                request.phase(),
                request.trigger().name(),
                request.caseReference(),
                request.motivation(),
                TraceIds.of(id.toString()));
    }
}
