package nl.wams.gateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.PartyAdapter;
import nl.wams.adapters.TraceIds;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerProtocolException;
import nl.wams.adapters.peer.PeerSigner;
import nl.wams.adapters.peer.PeerTrust;
import nl.wams.adapters.peer.PeerWire;
import nl.wams.gateway.audit.AuditEntry;
import nl.wams.gateway.audit.AuditEvent;
import nl.wams.gateway.audit.AuditLog;
import nl.wams.gateway.audit.Pseudonyms;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.minimisation.MinimisationFilter;
import nl.wams.gateway.policy.RequestPolicy;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.storage.StoredTime;

/**
 * Provider mode: decides what to release to a peer gateway. Verifies who asks (TLS certificate and
 * signed request, never twice), whether that organisation is served for that purpose, applies the
 * release policy per category, minimises at the source with the same filter as the requester
 * side, logs every step (fail closed) and signs the answer.
 */
public final class ProviderService {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fail closed: when the database cannot be written or read, nothing is decided or sent. */
    private static final Reply.Rejected STORAGE_UNAVAILABLE = new Reply.Rejected(
            503,
            "audit-niet-beschikbaar",
            "Opslag niet beschikbaar",
            "De gateway kan nu niets vastleggen of lezen; probeer het later opnieuw.");

    private final GatewayConfig config;
    private final PeerMessages messages;
    private final PeerSigner signer;
    private final ReplayStore replay;
    private final ProviderAnswers answers;
    private final ReviewLifecycle lifecycle;
    private final AuditLog audit;
    private final Pseudonyms pseudonyms;
    private final ReviewStore reviews;
    private final Duration reviewTerm;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final RequestPolicy policy;

    public ProviderService(
            GatewayConfig config,
            PeerMessages messages,
            PeerSigner signer,
            ReplayStore replay,
            PartyAdapter backend,
            MinimisationFilter minimisation,
            AuditLog audit,
            Pseudonyms pseudonyms,
            ReviewStore reviews,
            Duration reviewTerm,
            Clock clock,
            Supplier<UUID> ids,
            RequestPolicy policy) {
        this.config = config;
        this.messages = messages;
        this.signer = signer;
        this.replay = replay;
        this.answers = new ProviderAnswers(backend, minimisation);
        this.lifecycle = new ReviewLifecycle(config.identity(), messages, signer, audit, reviews, clock, answers);
        this.audit = audit;
        this.pseudonyms = pseudonyms;
        this.reviews = reviews;
        this.reviewTerm = reviewTerm;
        this.clock = clock;
        this.ids = ids;
        this.policy = policy;
    }

    /** What to send back: a signed answer, or a problem for a request that cannot be trusted. */
    public sealed interface Reply {
        /** A signed answer ({@code application/jose}); 202 with a location while a professional decides. */
        record Signed(int status, String jws, String location) implements Reply {}

        /** The request was not accepted; no decision was taken. */
        record Rejected(int status, String slug, String title, String detail) implements Reply {}
    }

    public Reply handle(String jws, X509Certificate[] clientChain, String transactionId) {
        long receivedNanos = System.nanoTime();
        String trace = TraceIds.of(transactionId);
        if (clientChain == null || clientChain.length == 0) {
            return new Reply.Rejected(
                    401, "geen-clientcertificaat", "Geen clientcertificaat", "Mutual TLS is verplicht.");
        }
        Optional<String> tlsOin = PeerTrust.oin(clientChain[0]);
        if (tlsOin.isEmpty()) {
            return new Reply.Rejected(403, "geen-oin", "Geen OIN", "Het clientcertificaat bevat geen OIN.");
        }
        PeerMessages.VerifiedRequest request;
        try {
            request = messages.verifyRequest(jws, tlsOin.get(), signer.oin());
        } catch (PeerProtocolException e) {
            refused(transactionId, trace, tlsOin.get(), List.of(), e.reason().name(), e.getMessage());
            return rejection(e);
        }
        try {
            if (!replay.firstUse(request.jti(), request.requesterOin(), request.expires())) {
                refused(
                        transactionId,
                        trace,
                        tlsOin.get(),
                        List.of(),
                        "REPLAY",
                        "jti " + request.jti() + " was used before");
                return new Reply.Rejected(
                        409, "herhaald-verzoek", "Herhaald verzoek", "Dit verzoek (jti) is al eerder ontvangen.");
            }
        } catch (SQLException e) {
            return STORAGE_UNAVAILABLE;
        }
        JsonNode body = request.request();
        PeerRequestReader.Read read;
        try {
            read = PeerRequestReader.read(body);
        } catch (PeerRequestReader.InvalidField e) {
            // The field is named; its content (possibly long free text) is never logged.
            refused(transactionId, trace, request.requesterOin(), List.of(), "ONGELDIG_VERZOEK", "field " + e.field());
            return new Reply.Rejected(
                    400,
                    "ongeldig-peerverzoek",
                    "Ongeldig peerverzoek",
                    "Veld '" + e.field() + "' ontbreekt, is te lang of heeft de verkeerde vorm.");
        }
        String purpose = read.request().purpose();
        List<String> categories = read.categories();
        List<AdapterRequest.Subject> subjects = read.request().adapterSubjects();
        Optional<GatewayConfig.Served> served = config.provider().served(request.requesterOin());
        if (served.isPresent() && served.get().purposes().contains(purpose)) {
            // This provider's own purpose register, with the same rules as a requester applies.
            List<Violation> violations = policy.checkIncoming(
                    read.request(),
                    categories,
                    List.copyOf(config.provider().releasePolicy().keySet()));
            if (!violations.isEmpty()) {
                Violation first = violations.get(0);
                refused(
                        transactionId,
                        trace,
                        request.requesterOin(),
                        List.of(),
                        first.rule().name(),
                        violations.stream()
                                .map(v -> v.rule().name() + " " + v.path())
                                .distinct()
                                .toList()
                                .toString());
                return new Reply.Rejected(
                        first.rule().status(),
                        first.rule().slug(),
                        first.rule().title(),
                        "Dit verzoek breekt " + violations.size() + " regel(s) van het doelenregister van deze partij: "
                                + violations.stream()
                                        .map(v -> v.path() + " " + v.rule().slug())
                                        .toList()
                                + ".");
            }
        }
        List<String> subjectRefs =
                subjects.stream().map(s -> pseudonyms.of(s.bsn())).toList();
        audit.append(
                trace,
                List.of(peerEntry(AuditEvent.PEER_VERZOEK_ONTVANGEN, transactionId, request, subjectRefs)
                        .categories(categories, List.of())
                        .build()));

        // The provider's own id for this exchange (review, status resource, answer); the requester's
        // transaction id stays in the log as the reference both organisations share.
        String ownId = ids.get().toString();
        ObjectNode answer;
        try {
            answer = decide(request.requesterOin(), purpose, categories, subjects, ownId, transactionId, body, jws);
        } catch (SQLException e) {
            return STORAGE_UNAVAILABLE;
        }
        String outcome = answer.path(PeerWire.OUTCOME).asText();
        if (ProviderAnswers.BACKEND_UNREACHABLE.equals(outcome)) {
            audit.append(
                    trace,
                    List.of(peerEntry(AuditEvent.PEER_VERZOEK_AFGEBROKEN, transactionId, request, subjectRefs)
                            .categories(categories, List.of())
                            .outcome("NIET_BEREIKBAAR", null, "the backend did not answer: answered 503, nothing sent")
                            .build()));
            return new Reply.Rejected(
                    503,
                    "bron-niet-bereikbaar",
                    "Bron niet bereikbaar",
                    "Het bronsysteem van de partij antwoordt nu niet.");
        }
        Optional<Duration> waited = read.waited();
        long elapsed = System.nanoTime() - receivedNanos;
        if (answer.has(PeerWire.SUBJECTS)
                && waited.isPresent()
                && elapsed > sendBy(waited.get()).toNanos()) {
            audit.append(
                    trace,
                    List.of(peerEntry(AuditEvent.PEER_VERZOEK_AFGEBROKEN, transactionId, request, subjectRefs)
                            .categories(categories, List.of())
                            .outcome(
                                    PeerWire.Outcome.NIET_BEANTWOORD.name(),
                                    null,
                                    "the requester's wait of " + waited.get().toMillis() + " ms had passed ("
                                            + Duration.ofNanos(elapsed).toMillis()
                                            + " ms after receipt): no data sent")
                            .build()));
            return new Reply.Rejected(
                    504,
                    "wachttijd-verstreken",
                    "Wachttijd verstreken",
                    "Het antwoord was er niet binnen de wachttijd van de aanvrager; er zijn geen gegevens verstuurd.");
        }
        audit.append(
                trace,
                List.of(peerEntry(AuditEvent.PEER_ANTWOORD_VERSTUURD, transactionId, request, subjectRefs)
                        .categories(categories, ProviderAnswers.releasedCategories(answer))
                        .fieldsRemoved(ProviderAnswers.removed(answer))
                        .outcome(
                                outcome,
                                ProviderAnswers.text(answer, PeerWire.GROUND),
                                ProviderAnswers.text(answer, PeerWire.MOTIVATION))
                        .build()));
        String signed = messages.signAnswer(signer, request.requesterOin(), jws, ownId, answer);
        boolean pending = PeerWire.Outcome.IN_BEHANDELING.name().equals(outcome);
        return new Reply.Signed(pending ? 202 : 200, signed, pending ? statusPath(ownId) : null);
    }

    /**
     * {@code GET /peer/v1/verzoeken/{id}}: 202 while a professional decides, the signed final answer
     * once decided. Only the organisation that asked may read it.
     */
    public Reply status(String id, X509Certificate[] clientChain) {
        Optional<String> tlsOin =
                clientChain == null || clientChain.length == 0 ? Optional.empty() : PeerTrust.oin(clientChain[0]);
        try {
            Optional<ReviewStore.Review> review = reviews.get(id);
            if (review.isEmpty()
                    || tlsOin.isEmpty()
                    || !review.get().requesterOin().equals(tlsOin.get())) {
                return new Reply.Rejected(404, "niet-gevonden", "Niet gevonden", "Dit verzoek is hier niet bekend.");
            }
            if (review.get().status() == ReviewStatus.OPEN) {
                return new Reply.Signed(202, null, statusPath(id));
            }
            return new Reply.Signed(200, review.get().answerJws(), null);
        } catch (SQLException e) {
            return STORAGE_UNAVAILABLE;
        }
    }

    /**
     * Data is sent only while the requester still waits: its announced wait, less a margin for the
     * way back (a fifth of the wait, at most two seconds), counted from receipt.
     */
    static Duration sendBy(Duration waited) {
        Duration margin = waited.dividedBy(5);
        return waited.minus(margin.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : margin);
    }

    /** The reviews' lifecycle: a professional's decision, and the end of the term. */
    public ReviewLifecycle reviews() {
        return lifecycle;
    }

    /** The status resource of a held request; signed into the pending answer, so it is the only one polled. */
    static String statusPath(String reviewId) {
        return "/peer/v1/verzoeken/" + reviewId;
    }

    private ObjectNode decide(
            String requesterOin,
            String purpose,
            List<String> categories,
            List<AdapterRequest.Subject> subjects,
            String ownId,
            String transactionId,
            JsonNode body,
            String jws)
            throws SQLException {
        Optional<GatewayConfig.Served> served = config.provider().served(requesterOin);
        if (served.isEmpty() || !served.get().purposes().contains(purpose)) {
            return ProviderAnswers.refusal(
                    "GEEN_GRONDSLAG", "Deze organisatie wordt niet bediend voor doel '" + purpose + "'.");
        }
        List<String> automatic = new ArrayList<>();
        List<String> review = new ArrayList<>();
        List<String> never = new ArrayList<>();
        for (String category : categories) {
            switch (config.provider().releasePolicy().getOrDefault(category, GatewayConfig.Release.NOOIT)) {
                case AUTOMATISCH -> automatic.add(category);
                case BEOORDELING -> review.add(category);
                default -> never.add(category);
            }
        }
        if (!review.isEmpty()) {
            Instant now = clock.instant();
            ArrayNode people = JSON.createArrayNode();
            subjects.forEach(s -> people.addObject().put(PeerWire.BSN, s.bsn()).put(PeerWire.ROLE, s.role()));
            reviews.create(new ReviewStore.Review(
                    ownId,
                    requesterOin,
                    purpose,
                    ProviderAnswers.text(body, PeerWire.LEGAL_BASIS),
                    ProviderAnswers.text(body, PeerWire.PHASE),
                    ProviderAnswers.text(body, PeerWire.TRIGGER),
                    ProviderAnswers.text(body, PeerWire.CASE_REFERENCE),
                    ProviderAnswers.text(body, PeerWire.MOTIVATION),
                    JSON.valueToTree(categories).toString(),
                    people.toString(),
                    jws,
                    ReviewStatus.OPEN,
                    StoredTime.format(now),
                    StoredTime.format(now.plus(reviewTerm)),
                    null,
                    null,
                    null,
                    transactionId));
            ObjectNode pending = JSON.createObjectNode()
                    .put(PeerWire.OUTCOME, PeerWire.Outcome.IN_BEHANDELING.name())
                    .put(PeerWire.STATUS, statusPath(ownId));
            pending.putArray(PeerWire.CATEGORIES)
                    .addAll(review.stream().map(JSON.getNodeFactory()::textNode).toList());
            return pending;
        }
        return answers.fromBackend(purpose, automatic, never, subjects, transactionId);
    }

    /** An entry about a verified peer request: who asked, this provider, the purpose and the subjects. */
    private AuditEntry.Builder peerEntry(
            AuditEvent event, String transactionId, PeerMessages.VerifiedRequest request, List<String> subjectRefs) {
        JsonNode body = request.request();
        return AuditEntry.of(event, transactionId)
                .requester(request.requesterOin(), null)
                .party(config.identity().name(), config.identity().oin())
                .purpose(
                        body.path(PeerWire.PURPOSE).asText(),
                        ProviderAnswers.text(body, PeerWire.LEGAL_BASIS),
                        ProviderAnswers.text(body, PeerWire.PHASE),
                        ProviderAnswers.text(body, PeerWire.CASE_REFERENCE))
                .subjects(subjectRefs);
    }

    private void refused(
            String transactionId,
            String trace,
            String requesterOin,
            List<String> subjects,
            String ground,
            String detail) {
        audit.append(
                trace,
                List.of(AuditEntry.of(AuditEvent.PEER_VERZOEK_GEWEIGERD, transactionId)
                        .requester(requesterOin, null)
                        .party(config.identity().name(), config.identity().oin())
                        .subjects(subjects)
                        .outcome("GEWEIGERD", ground, detail)
                        .build()));
    }

    private static Reply.Rejected rejection(PeerProtocolException e) {
        int status = switch (e.reason()) {
            case TOO_LARGE -> 413;
            case MALFORMED, MISSING_CLAIM -> 400;
            case WRONG_AUDIENCE -> 403;
            default -> 401;
        };
        return new Reply.Rejected(
                status,
                "ongeldig-peerverzoek",
                "Ongeldig peerverzoek",
                "Het ondertekende verzoek is afgewezen: " + e.reason().name() + ".");
    }
}
