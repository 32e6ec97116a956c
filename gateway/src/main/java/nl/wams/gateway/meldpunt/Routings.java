package nl.wams.gateway.meldpunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import nl.wams.adapters.Referral;
import nl.wams.adapters.ReferralResult;
import nl.wams.adapters.TraceIds;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.InTransaction;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes an assessed signal to a desk: only what the desk's field profile lets through leaves,
 * with purpose {@code meldpunt-doorgeleiding} and its legal basis. The record {@code
 * MELDING_DOORGELEID} (with the removed field names) is committed before anything is sent (fail
 * closed); the desk's answer is recorded as {@code MELDING_LOKETANTWOORD}. A desk that cannot be
 * reached leaves the signal as it was, to be routed again; a desk's gateway that holds the signal
 * is asked later where it stands ({@link #refresh}).
 */
public final class Routings {

    private static final Logger log = LoggerFactory.getLogger(Routings.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SignalStore store;
    private final Desks desks;
    private final AuditLog auditLog;
    private final MeldpuntAudit audit;
    private final ActiveRules rules;
    private final Clock clock;

    public Routings(
            SignalStore store, Desks desks, AuditLog auditLog, MeldpuntAudit audit, ActiveRules rules, Clock clock) {
        this.store = store;
        this.desks = desks;
        this.auditLog = auditLog;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
    }

    public Desks desks() {
        return desks;
    }

    /**
     * Routes a signal to {@code deskId}. Needs an assessment and an open signal. Fails closed:
     * nothing is sent unless {@code MELDING_DOORGELEID} is durable.
     */
    public Result<Routing> route(String reference, String deskId, String user, String transactionId)
            throws SQLException {
        Result<Signal> open = store.open(reference);
        if (!(open instanceof Result.Done<Signal> found)) {
            return open.failed();
        }
        Signal signal = found.value();
        if (signal.details().assessment() == null) {
            return new Result.Conflict<>(Result.Why.NOT_ASSESSED);
        }
        Optional<Desks.Desk> desk = desks.get(deskId);
        if (desk.isEmpty()) {
            return new Result.Conflict<>(Result.Why.UNKNOWN_DESK);
        }
        Rules in = rules.current();
        List<String> removed = new ArrayList<>();
        Map<String, JsonNode> released = new LinkedHashMap<>(Desks.release(desk.get(), fields(signal), removed));
        JsonNode bsn = released.remove("bsn");
        Instant now = clock.instant();
        Routing pending = new Routing(
                UUID.randomUUID().toString(), reference, deskId, Routing.Status.VERSTUURD, null, null, now, now);
        Referral referral = new Referral(
                transactionId,
                GatewayConfig.Meldpunt.ROUTING_PURPOSE,
                MeldpuntAudit.legalBasis(in.gateway()),
                reference,
                pending.id(),
                bsn == null ? null : bsn.asText(),
                released,
                removed);
        List<String> sent = new ArrayList<>(released.keySet());
        if (bsn != null) {
            sent.add(0, "bsn");
        }
        auditLog.append(
                TraceIds.of(transactionId),
                List.of(audit.entry(AuditEvent.MELDING_DOORGELEID, transactionId, in, signal, user)
                        .party(deskId, desk.get().config().oin())
                        .categories(List.of(Referral.CATEGORY), sent)
                        .fieldsRemoved(removed)
                        .build()),
                store.insert(pending));
        ReferralResult answer;
        try {
            answer = desks.adapter(desk.get()).route(referral);
        } catch (RuntimeException e) {
            // Adapters report outcomes as results; anything thrown is a defect, not the desk's answer.
            log.warn("routing adapter failed: {}", e.getClass().getSimpleName());
            answer = new ReferralResult.Unreachable(
                    "adapter failed: " + e.getClass().getSimpleName());
        }
        Routing done = answered(pending, answer);
        record(in, signal, done, Routing.Status.VERSTUURD, user, transactionId);
        return new Result.Done<>(done);
    }

    /**
     * Asks the desks' gateways where the signals they hold stand and records each change: taken
     * on, or declined (then the signal is back in assessment, unless another desk has it).
     */
    public int refresh() throws SQLException {
        int changed = 0;
        Rules in = rules.current();
        for (Routing held : store.held()) {
            Optional<Desks.Desk> desk = desks.get(held.deskId());
            Optional<Signal> signal = store.get(held.reference());
            if (desk.isEmpty() || signal.isEmpty()) {
                continue;
            }
            Optional<ReferralResult> now = desks.adapter(desk.get()).status(held.deskReference());
            if (now.isEmpty() || now.get() instanceof ReferralResult.Held) {
                continue;
            }
            String tx = UUID.randomUUID().toString();
            try {
                record(
                        in,
                        signal.get(),
                        answered(held, now.get()),
                        Routing.Status.IN_AFWACHTING,
                        "meldpunt-status",
                        tx);
                changed++;
            } catch (InTransaction.Withdrawn e) {
                log.debug("routing status recorded by another node first");
            }
        }
        return changed;
    }

    private void record(
            Rules in, Signal signal, Routing routing, Routing.Status expected, String user, String transactionId) {
        InTransaction work = store.update(routing, expected);
        Instant now = routing.updatedAt();
        if (routing.status().routed()) {
            Instant routedAt = signal.routedAt() != null ? signal.routedAt() : now;
            work = work.andThen(store.routed(
                    signal.reference(),
                    routedAt,
                    routedAt.plus(in.gateway().meldpunt().routedTerm()),
                    now));
        } else if (expected == Routing.Status.IN_AFWACHTING) {
            work = work.andThen(store.unrouted(signal.reference(), now));
        }
        auditLog.append(
                TraceIds.of(transactionId),
                List.of(audit.entry(AuditEvent.MELDING_LOKETANTWOORD, transactionId, in, signal, user)
                        .party(
                                routing.deskId(),
                                desks.get(routing.deskId())
                                        .map(d -> d.config().oin())
                                        .orElse(null))
                        .outcome(routing.status().name(), null, routing.reason())
                        .build()),
                work);
    }

    private Routing answered(Routing routing, ReferralResult answer) {
        Instant now = clock.instant();
        Routing.Status status;
        String deskReference = routing.deskReference();
        String reason = null;
        if (answer instanceof ReferralResult.Accepted accepted) {
            status = Routing.Status.AANGENOMEN;
            deskReference = accepted.deskReference() != null ? accepted.deskReference() : deskReference;
        } else if (answer instanceof ReferralResult.Held held) {
            status = Routing.Status.IN_AFWACHTING;
            deskReference = held.deskReference();
        } else if (answer instanceof ReferralResult.Refused refused) {
            status = Routing.Status.AFGEWEZEN;
            reason = refused.reason();
        } else if (answer instanceof ReferralResult.Unreachable unreachable) {
            status = Routing.Status.NIET_BEREIKBAAR;
            reason = unreachable.reason();
        } else {
            status = Routing.Status.ONGELDIG_ANTWOORD;
            reason = ((ReferralResult.InvalidAnswer) answer).reason();
        }
        return new Routing(
                routing.id(),
                routing.reference(),
                routing.deskId(),
                status,
                deskReference,
                reason,
                routing.createdAt(),
                now);
    }

    /** Every field of category {@code melding} the signal has; the desk's profile decides what leaves. */
    static Map<String, JsonNode> fields(Signal signal) {
        Submission s = signal.details().submission();
        Signal.Assessment a = signal.details().assessment();
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        put(fields, "zorgen", s.concern());
        put(fields, "sinds", s.since() == null ? null : s.since().toString());
        put(fields, "bsn", s.person().bsn());
        put(fields, "naam", s.person().name());
        put(fields, "adres", s.person().address());
        fields.put("overZichzelf", NODES.booleanNode(s.aboutSelf()));
        put(fields, "soortMelder", signal.channel().text());
        put(fields, "melderOrganisatie", s.reporter().organisation());
        put(fields, "melderContact", s.reporter().contact().summary());
        if (a != null) {
            put(fields, "urgentie", a.urgency().name().toLowerCase(Locale.ROOT));
            ArrayNode domains = NODES.arrayNode();
            a.domains().forEach(d -> domains.add(d.name().toLowerCase(Locale.ROOT)));
            fields.put("levensdomeinen", domains);
            put(fields, "toelichting", a.note());
        }
        return fields;
    }

    private static void put(Map<String, JsonNode> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, NODES.textNode(value));
        }
    }
}
