package nl.wams.gateway.requester;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.TraceIds;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.request.DataRequest;
import nl.wams.gateway.request.Outcome;
import nl.wams.gateway.request.PartyResult;
import nl.wams.gateway.routing.LateAnswers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns one data request's steps into audit records, in the order the flow commits them. */
public final class RequestAudit {

    private static final Logger LOG = LoggerFactory.getLogger(RequestAudit.class);

    private final AuditLog log;
    private final Pseudonyms pseudonyms;
    private final GatewayConfig config;
    private final Supplier<String> rulesInForce;

    private final RefusalCounter refusals;

    /** Counts refusals by rule (for metrics); never sees the request. */
    @FunctionalInterface
    public interface RefusalCounter {
        RefusalCounter NONE = rule -> {};

        void refused(String rule);
    }

    /**
     * @param config the configuration the gateway started with (identity and parties: a reload does not change them)
     * @param rulesInForce the version of the rules in force now, for records outside one request's trail
     */
    public RequestAudit(
            AuditLog log,
            Pseudonyms pseudonyms,
            GatewayConfig config,
            Supplier<String> rulesInForce,
            RefusalCounter refusals) {
        this.rulesInForce = rulesInForce;
        this.refusals = refusals;
        this.log = log;
        this.pseudonyms = pseudonyms;
        this.config = config;
    }

    /**
     * Records an answer that came after its party's deadline (see {@link LateAnswers}): what the
     * party said and how late, never what it sent. A log that cannot be written loses only this
     * note (the caller's answer was committed long before); it is reported, never thrown.
     */
    void late(String partyId, String transactionId, AdapterResult answer, Duration after) {
        if (answer instanceof AdapterResult.Unreachable) {
            return; // nothing came from the party
        }
        Outcome outcome = PartyResults.of(partyId, config.partyName(partyId), answer, List.of())
                .outcome();
        try {
            log.append(
                    TraceIds.of(transactionId),
                    List.of(AuditEntry.of(AuditEvent.ANTWOORD_TE_LAAT, transactionId)
                            .requester(config.identity().oin(), null)
                            .party(partyId, partyOin(partyId))
                            .configVersion(rulesInForce.get())
                            .outcome(
                                    outcome.name(),
                                    null,
                                    "arrived " + after.toMillis() + " ms after the request, past the party's timeout:"
                                            + " discarded, nothing of it released or stored")
                            .build()));
        } catch (RuntimeException e) {
            LOG.warn("a late answer could not be recorded: {}", e.getClass().getSimpleName());
        }
    }

    /** The trail of one request decided by the rules of {@code configVersion}. */
    Trail trail(UUID id, String user, DataRequest request, String configVersion) {
        return new Trail(id, user, request, configVersion);
    }

    /** The records of one request. Each method returns only after its records are committed. */
    final class Trail {
        private final String transactionId;
        private final String traceId;
        private final String user;
        private final DataRequest request;
        private final List<String> subjects;
        private final String configVersion;

        private Trail(UUID id, String user, DataRequest request, String configVersion) {
            this.configVersion = configVersion;
            this.transactionId = id.toString();
            this.traceId = TraceIds.of(transactionId);
            this.user = user;
            this.request = request;
            this.subjects =
                    request.subjects().stream().map(s -> pseudonyms.of(s.bsn())).toList();
        }

        void refused(List<Violation> violations) {
            Violation first = violations.get(0);
            violations.stream().map(v -> v.rule().name()).distinct().forEach(refusals::refused);
            log.append(
                    traceId,
                    List.of(base(AuditEvent.VERZOEK_GEWEIGERD)
                            .categories(allAsked(), List.of())
                            .outcome("GEWEIGERD", first.rule().name(), first.detail())
                            .build()));
        }

        void sending(List<DataRequest.PartyQuestion> parties) {
            List<AuditEntry> entries = new ArrayList<>();
            entries.add(base(AuditEvent.VERZOEK_ONTVANGEN)
                    .categories(allAsked(), List.of())
                    .build());
            for (DataRequest.PartyQuestion question : parties) {
                entries.add(base(AuditEvent.VERZOEK_VERZONDEN)
                        .party(question.party(), partyOin(question.party()))
                        .categories(question.categories(), List.of())
                        .build());
            }
            log.append(traceId, entries);
        }

        /** The answers as the caller receives them, committed only after the records are. */
        void released(List<PartyResult> results) {
            released(results, null);
        }

        /**
         * The answers exactly as the caller receives them (outcome and removed names), committed in
         * one transaction with {@code alongside} (the stored result that is returned): the log never
         * says "released" about something the caller did not get.
         */
        void released(List<PartyResult> results, InTransaction alongside) {
            List<AuditEntry> entries = new ArrayList<>();
            Set<String> released = new LinkedHashSet<>();
            for (PartyResult result : results) {
                if (result.subjects().isEmpty()) {
                    entries.add(
                            answer(result, subjects, List.of(), result.outcome().name(), result.removedFields()));
                    continue;
                }
                // Per person, so that an access report says exactly what was released about whom.
                for (int i = 0; i < request.subjects().size(); i++) {
                    DataRequest.Subject subject = request.subjects().get(i);
                    Optional<PartyResult.SubjectData> answered = result.subjects().stream()
                            .filter(s ->
                                    s.subject() != null && s.subject().bsn().equals(subject.bsn()))
                            .findFirst();
                    List<String> categories =
                            answered.map(RequestAudit::releasedCategories).orElse(List.of());
                    released.addAll(categories);
                    if (answered.isPresent()) {
                        // What the caller received about this person, even when every field was removed.
                        entries.add(answer(
                                result,
                                List.of(subjects.get(i)),
                                categories,
                                result.outcome().name(),
                                result.removedFields()));
                    } else {
                        // The party answered about others, not about this person.
                        entries.add(answer(
                                result, List.of(subjects.get(i)), List.of(), Outcome.NIET_BEKEND.name(), List.of()));
                    }
                }
            }
            entries.add(base(AuditEvent.ANTWOORD_VRIJGEGEVEN)
                    .categories(allAsked(), List.copyOf(released))
                    .build());
            log.append(traceId, entries, alongside);
        }

        private AuditEntry answer(
                PartyResult result, List<String> about, List<String> released, String outcome, List<String> removed) {
            return base(event(result.outcome()))
                    .subjects(about)
                    .party(result.party(), partyOin(result.party()))
                    .categories(request.categoriesAskedOf(result.party()), released)
                    .fieldsRemoved(removed)
                    .outcome(
                            outcome,
                            result.ground() == null ? null : result.ground().name(),
                            result.motivation() != null ? result.motivation() : result.explanation())
                    .build();
        }

        private AuditEntry.Builder base(AuditEvent event) {
            return AuditEntry.of(event, transactionId)
                    .requester(config.identity().oin(), user)
                    .purpose(request.purpose(), request.legalBasis(), request.phase(), request.caseReference())
                    .subjects(subjects)
                    .configVersion(configVersion);
        }

        private List<String> allAsked() {
            Set<String> all = new LinkedHashSet<>();
            request.parties().forEach(q -> all.addAll(q.categories()));
            return List.copyOf(all);
        }
    }

    private String partyOin(String partyId) {
        return config.party(partyId).map(GatewayConfig.Party::oin).orElse(null);
    }

    private static List<String> releasedCategories(PartyResult.SubjectData subject) {
        Set<String> categories = new LinkedHashSet<>();
        subject.categories().forEach((category, fields) -> {
            if (!fields.isEmpty()) {
                categories.add(category);
            }
        });
        return List.copyOf(categories);
    }

    private static AuditEvent event(Outcome outcome) {
        return switch (outcome) {
            case GEWEIGERD -> AuditEvent.ANTWOORD_GEWEIGERD;
            case NIET_BEREIKBAAR, ONGELDIG_ANTWOORD, NIET_BEANTWOORD -> AuditEvent.ANTWOORD_MISLUKT;
            default -> AuditEvent.ANTWOORD_ONTVANGEN;
        };
    }
}
