package nl.wams.gateway.api;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.gateway.audit.AuditUnavailableException;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.minimisation.MinimisationFilter;
import nl.wams.gateway.policy.PolicyRefusedException;
import nl.wams.gateway.policy.RequestPolicy;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.request.DataRequestResult;
import nl.wams.gateway.request.PartyResult;
import nl.wams.gateway.request.PartyResults;
import nl.wams.gateway.request.PendingAnswers;
import nl.wams.gateway.request.ResultStore;
import nl.wams.gateway.routing.PartyAnswer;
import nl.wams.gateway.routing.PartyCall;
import nl.wams.gateway.routing.PartyFanOut;

/**
 * The requester flow for one data request: check it against the purpose register, ask the named
 * parties in parallel, minimise every answer, and aggregate one result per party.
 */
public final class DataRequestHandler {

    private final GatewayConfig config;
    private final RequestPolicy policy;
    private final PartyFanOut fanOut;
    private final MinimisationFilter minimisation;
    private final ResultStore store;
    private final Clock clock;
    private final RequestAudit audit;
    private final PendingAnswers pendingAnswers;
    private final Supplier<Instant> firstPoll;

    public DataRequestHandler(
            GatewayConfig config,
            RequestPolicy policy,
            PartyFanOut fanOut,
            MinimisationFilter minimisation,
            ResultStore store,
            Clock clock,
            RequestAudit audit,
            PendingAnswers pendingAnswers,
            Supplier<Instant> firstPoll) {
        this.config = config;
        this.policy = policy;
        this.fanOut = fanOut;
        this.minimisation = minimisation;
        this.store = store;
        this.clock = clock;
        this.audit = audit;
        this.pendingAnswers = pendingAnswers;
        this.firstPoll = firstPoll;
    }

    /**
     * Refuses with {@link PolicyRefusedException} before anything is sent when a rule is broken.
     * Fail closed: the request and its refusal or dispatch are committed to the audit log before
     * any party is asked, and the answers before anything is released; when the log cannot be
     * written, {@link AuditUnavailableException} stops the flow; when the result cannot be stored,
     * the {@link SQLException} does (the caller gets the same 503).
     */
    public DataRequestResult handle(UUID id, String requester, DataRequest request) throws SQLException {
        Instant received = clock.instant();
        RequestAudit.Trail trail = audit.trail(id, requester, request);
        List<Violation> violations = policy.check(request);
        if (!violations.isEmpty()) {
            trail.refused(violations);
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
        List<PartyAnswer> answers = fanOut.ask(calls);
        List<PartyResult> results =
                answers.stream().map(a -> toResult(a, request)).toList();
        trail.released(results);
        DataRequestResult result = new DataRequestResult(id, requester, received, clock.instant(), request, results);
        store.put(result);
        for (PartyAnswer answer : answers) {
            if (answer.result() instanceof AdapterResult.Pending held) {
                pendingAnswers.add(id, answer.partyId(), held.statusUrl(), held.binding(), firstPoll.get());
            }
        }
        return result;
    }

    private static AdapterRequest.Context context(UUID id, DataRequest request) {
        return new AdapterRequest.Context(
                request.legalBasis(),
                request.phase(),
                request.trigger().name(),
                request.caseReference(),
                request.motivation(),
                id.toString().replace("-", ""));
    }

    private PartyResult toResult(PartyAnswer answer, DataRequest request) {
        // Defence in depth: minimised here even when the party minimised at the source.
        return minimisation.release(
                request.purpose(),
                PartyResults.of(
                        answer.partyId(), config.partyName(answer.partyId()), answer.result(), request.subjects()));
    }
}
