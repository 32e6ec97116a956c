package nl.wams.gateway.meldpunt;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import nl.wams.adapters.TraceIds;
import nl.wams.adapters.TransactionIds;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;

/**
 * Takes signals in, from citizens (public form and JSON, no account) and from professionals
 * (logged in, role {@code melder}): the rate limit per address, the acute path (answered at once
 * with the emergency numbers, nothing taken in), the intake rules, the bounded queue; then the
 * signal is sealed and stored together with its audit record. The reporter gets a reference that
 * cannot be guessed and can look up the status by it, and learns nothing else.
 */
public final class Intake {

    /** What someone with an acute concern is told at once. */
    public static final String ACUTE_ADVICE = "Is er direct gevaar voor iemand? Bel 112. Bij zorgen over huiselijk"
            + " geweld of kindermishandeling: Veilig Thuis, 0800-2000 (gratis, dag en nacht). Denkt iemand aan"
            + " zelfdoding: bel 113 of 0800-0113 (113 Zelfmoordpreventie). Bij een acute psychische crisis: bel de"
            + " huisarts of, buiten kantoortijd, de huisartsenpost. Dit meldpunt is er voor zorgen die niet acuut zijn;"
            + " uw melding is daarom niet opgeslagen.";

    /** How long a caller waits when the queue is full. */
    static final Duration QUEUE_RETRY = Duration.ofMinutes(10);
    /** How long a caller waits when all intake slots are busy. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(5);

    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What came of a submission. */
    public sealed interface Outcome {
        /** Taken in: the reporter's reference. */
        record Accepted(String reference, Signal.Status status) implements Outcome {}

        /** Acute: not taken in; tell the reporter {@link #ACUTE_ADVICE}. */
        record Acute(String advice) implements Outcome {}

        /** Broken rules, by field. */
        record Invalid(List<IntakeRules.Violation> violations) implements Outcome {}

        /** Not now: too many from this address, the queue is full, or every intake slot is busy. */
        record Busy(Why why, Duration retryAfter) implements Outcome {}
    }

    /** Why a submission or lookup was not taken now. */
    public enum Why {
        RATE_LIMIT,
        QUEUE_FULL,
        BUSY
    }

    /** What a status lookup found. */
    public sealed interface Lookup {
        record Found(String reference, Signal.Status status) implements Lookup {}

        record Unknown() implements Lookup {}

        record Busy(Duration retryAfter) implements Lookup {}
    }

    /** What intake counts for the metrics (never who). */
    public enum Count {
        ACCEPTED,
        ACUTE,
        INVALID,
        RATE_LIMITED,
        QUEUE_FULL,
        BUSY,
        HONEYPOT
    }

    private final SignalStore store;
    private final AuditLog auditLog;
    private final MeldpuntAudit audit;
    private final Pseudonyms pseudonyms;
    private final ActiveRules rules;
    private final IntakeGuard guard;
    private final Clock clock;
    private final Map<Count, AtomicLong> counts = new EnumMap<>(Count.class);
    private final TransactionIds transactionIds;

    public Intake(
            SignalStore store,
            AuditLog auditLog,
            MeldpuntAudit audit,
            Pseudonyms pseudonyms,
            ActiveRules rules,
            IntakeGuard guard,
            Clock clock) {
        this.store = store;
        this.auditLog = auditLog;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.rules = rules;
        this.guard = guard;
        this.clock = clock;
        this.transactionIds = new TransactionIds(clock);
        for (Count count : Count.values()) {
            counts.put(count, new AtomicLong());
        }
    }

    /** How often each outcome happened on this node. */
    public long count(Count count) {
        return counts.get(count).get();
    }

    /**
     * Takes a signal in. A citizen's submission counts against {@code address}'s rate limit
     * first; a professional is known by {@code user}. Fails closed: the signal is stored only
     * together with its audit record.
     */
    public Outcome submit(Submission raw, Signal.Channel channel, String user, String address, String transactionId)
            throws SQLException {
        if (channel == Signal.Channel.BURGER) {
            Optional<Duration> wait = guard.admit(address);
            if (wait.isPresent()) {
                return busy(Why.RATE_LIMIT, wait.get());
            }
        }
        if (raw.acute()) {
            counts.get(Count.ACUTE).incrementAndGet();
            return new Outcome.Acute(ACUTE_ADVICE);
        }
        Rules in = rules.current();
        GatewayConfig.Meldpunt meldpunt = in.gateway().meldpunt();
        Submission submission = IntakeRules.normalised(raw);
        List<IntakeRules.Violation> violations = IntakeRules.check(
                submission,
                meldpunt.required().isEmpty()
                        ? EnumSet.noneOf(GatewayConfig.SignalField.class)
                        : EnumSet.copyOf(meldpunt.required()),
                channel,
                LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Europe/Amsterdam")));
        if (!violations.isEmpty()) {
            counts.get(Count.INVALID).incrementAndGet();
            return new Outcome.Invalid(violations);
        }
        if (!guard.enter()) {
            return busy(Why.BUSY, BUSY_RETRY);
        }
        try {
            if (store.waiting() >= meldpunt.maxOpen()) {
                return busy(Why.QUEUE_FULL, QUEUE_RETRY);
            }
            return accept(in, meldpunt, submission, channel, user, transactionId);
        } finally {
            guard.leave();
        }
    }

    private Outcome accept(
            Rules in,
            GatewayConfig.Meldpunt meldpunt,
            Submission submission,
            Signal.Channel channel,
            String user,
            String transactionId) {
        Instant now = clock.instant();
        String reporterBsn = submission.reporter().bsn();
        String bsn = submission.person().bsn();
        if (bsn == null && submission.aboutSelf()) {
            bsn = reporterBsn;
        }
        // The reporter's own BSN serves only their own access record: it is not kept with the signal.
        Submission kept = new Submission(
                submission.aboutSelf(),
                new Submission.Person(
                        submission.person().name(), submission.person().address(), bsn),
                submission.concern(),
                submission.since(),
                false,
                new Submission.Reporter(
                        submission.reporter().organisation(),
                        submission.reporter().contact(),
                        null));
        Signal signal = new Signal(
                reference(),
                new Signal.Details(kept, null, null),
                Signal.Status.ONTVANGEN,
                channel,
                bsn == null ? null : pseudonyms.of(bsn),
                null,
                now,
                now.plus(meldpunt.firstContact()),
                null,
                null,
                null);
        List<AuditEntry> entries = new ArrayList<>();
        entries.add(audit.entry(AuditEvent.MELDING_ONTVANGEN, transactionId, in, signal, user)
                .outcome(channel.name(), null, null)
                .build());
        if (reporterBsn != null && !reporterBsn.equals(bsn)) {
            // A transaction id of its own: the reporter's record cannot be matched to the person's by it.
            entries.add(audit.reporter(transactionIds.next().toString(), in, signal, pseudonyms.of(reporterBsn)));
        }
        auditLog.append(TraceIds.of(transactionId), entries, store.insert(signal));
        counts.get(Count.ACCEPTED).incrementAndGet();
        return new Outcome.Accepted(signal.reference(), signal.status());
    }

    /** A submission caught by the form's honeypot: counted, nothing stored. */
    public void honeypot() {
        counts.get(Count.HONEYPOT).incrementAndGet();
    }

    /**
     * The status of a signal by its reference, for the reporter: nothing else, and the same
     * answer for a reference that never existed as for a deleted signal. Counts against the
     * address' rate limit.
     */
    public Lookup status(String reference, String address) throws SQLException {
        Optional<Duration> wait = guard.admit(address);
        if (wait.isPresent()) {
            counts.get(Count.RATE_LIMITED).incrementAndGet();
            return new Lookup.Busy(wait.get());
        }
        if (reference == null || !reference.matches("M-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")) {
            return new Lookup.Unknown();
        }
        return store.status(reference)
                .<Lookup>map(s -> new Lookup.Found(reference, s))
                .orElseGet(Lookup.Unknown::new);
    }

    private Outcome busy(Why why, Duration retryAfter) {
        counts.get(
                        switch (why) {
                            case RATE_LIMIT -> Count.RATE_LIMITED;
                            case QUEUE_FULL -> Count.QUEUE_FULL;
                            case BUSY -> Count.BUSY;
                        })
                .incrementAndGet();
        return new Outcome.Busy(why, retryAfter);
    }

    /** {@code M-XXXX-XXXX-XXXX}: 60 random bits, no 0/O/1/I, never nine digits in a row. */
    static String reference() {
        StringBuilder reference = new StringBuilder("M");
        for (int group = 0; group < 3; group++) {
            reference.append('-');
            for (int i = 0; i < 4; i++) {
                reference.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
            }
        }
        return reference.toString();
    }
}
