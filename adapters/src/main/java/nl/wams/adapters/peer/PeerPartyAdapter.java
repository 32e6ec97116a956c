package nl.wams.adapters.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.HeldAnswers;
import nl.wams.adapters.PartyAdapter;
import nl.wams.adapters.PartyHttp;
import nl.wams.adapters.TraceIds;

/**
 * Asks a party's wams gateway: a signed request over mutual TLS, and nothing of the answer is used
 * before its signature, signer, audience, times and binding to our request are verified. Any
 * failure of that is an invalid answer.
 */
public final class PeerPartyAdapter implements PartyAdapter, HeldAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PeerAdapterSettings settings;
    private final HttpClient client;

    /** Refuses a URL other than {@code https}: the signed request carries BSNs. */
    public PeerPartyAdapter(PeerAdapterSettings settings) {
        if (!"https".equalsIgnoreCase(settings.url().getScheme())) {
            throw new IllegalArgumentException("a peer adapter URL must be https:// (the request carries BSNs)");
        }
        this.settings = settings;
        this.client = PartyHttp.client(settings.timeout(), Objects.requireNonNull(settings.sslContext(), "sslContext"));
    }

    @Override
    public AdapterResult fetch(AdapterRequest request) {
        String requestJws = settings.messages()
                .signRequest(
                        settings.signer(),
                        settings.partyOin(),
                        settings.messages().newMessageId(),
                        PeerRequest.of(request, settings.answerWaited()),
                        request.context() == null
                                ? TraceIds.of(request.transactionId())
                                : request.context().traceId());
        PartyHttp.Exchange exchange = PartyHttp.exchange(
                client,
                HttpRequest.newBuilder(settings.url())
                        .timeout(settings.timeout())
                        .header("Content-Type", PeerMessages.MEDIA_TYPE)
                        .header("Accept", PeerMessages.MEDIA_TYPE)
                        .header("Fsc-Transaction-Id", request.transactionId())
                        .POST(HttpRequest.BodyPublishers.ofString(requestJws))
                        .build(),
                settings.timeout(),
                settings.maxAnswerBytes());
        if (!(exchange instanceof PartyHttp.Exchange.Received response)) {
            return new AdapterResult.Unreachable(((PartyHttp.Exchange.Failed) exchange).reason());
        }
        int status = response.status();
        if (status >= 500) {
            return new AdapterResult.Unreachable("party gateway answered HTTP " + status);
        }
        if (status != 200 && status != 202) {
            return new AdapterResult.InvalidAnswer(
                    "party gateway refused the request: HTTP " + status + problem(response));
        }
        return verified(response, requestJws, request);
    }

    private static final Pattern PROBLEM_SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_PROBLEM_DETAIL = 300;

    /**
     * The provider's problem (RFC 9457) in words the requester can act on: the last segment of its
     * {@code type} and its {@code detail}, each only when it is short plain text (it is a peer's
     * free text, shown to the municipality and logged with the outcome).
     */
    static String problem(PartyHttp.Exchange.Received response) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.startsWith("application/problem+json") || response.body().length > 16 * 1024) {
            return "";
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            String type = problem.path("type").asText("");
            String slug = type.substring(type.lastIndexOf('/') + 1);
            String detail = problem.path("detail").asText("");
            StringBuilder text = new StringBuilder();
            if (slug.length() <= 64 && PROBLEM_SLUG.matcher(slug).matches()) {
                text.append(" ").append(slug);
            }
            if (!detail.isEmpty()
                    && detail.length() <= MAX_PROBLEM_DETAIL
                    && detail.codePoints()
                            .noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
                text.append(": ").append(detail);
            }
            return text.toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The path of a held request's status resource, as a provider signs it into a pending answer. */
    static final Pattern STATUS_PATH = Pattern.compile("/peer/v1/verzoeken/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

    /**
     * Where to poll a held answer: only the status path the signed answer binds, and only on the
     * party's own origin (scheme, host and port of its configured URL). Nothing of the unsigned
     * HTTP headers (a {@code Location}) is followed.
     */
    Optional<URI> statusUri(PeerAnswer answer) {
        String status = answer.status();
        if (status == null || !STATUS_PATH.matcher(status).matches()) {
            return Optional.empty();
        }
        return Optional.of(settings.url().resolve(status));
    }

    /** True when {@code uri} is on the party's own origin, over HTTPS. */
    boolean ownOrigin(URI uri) {
        URI own = settings.url();
        return "https".equalsIgnoreCase(uri.getScheme())
                && own.getScheme().equalsIgnoreCase(uri.getScheme())
                && own.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
                && own.getPort() == uri.getPort()
                && uri.getRawUserInfo() == null
                && STATUS_PATH.matcher(String.valueOf(uri.getRawPath())).matches()
                && uri.getRawQuery() == null;
    }

    /**
     * Asks the party's status resource for the final answer to a held request. The answer says
     * which of three things holds:
     *
     * <ul>
     *   <li>{@link AdapterResult.Pending}: the professional has not decided yet (202, or a signed
     *       answer that is still held);
     *   <li>{@link AdapterResult.Unreachable}: nothing was learnt this time (no connection, a
     *       timeout, 5xx, 429, or a status the protocol does not give); the caller counts these
     *       and decides when to stop asking;
     *   <li>anything else is final: the verified answer, a refusal, an invalid or unbound answer,
     *       or {@link AdapterResult.NotAnswered} when the party's gateway says it does not know the
     *       request (404 or 410): no answer will ever come.
     * </ul>
     */
    @Override
    public Optional<HeldAnswers> heldAnswers() {
        return Optional.of(this);
    }

    @Override
    public AdapterResult poll(String statusUrl, String requestJws, AdapterRequest request) {
        URI status;
        try {
            status = URI.create(statusUrl);
        } catch (IllegalArgumentException e) {
            return new AdapterResult.InvalidAnswer("status resource is not on the party's own origin");
        }
        if (!ownOrigin(status)) {
            return new AdapterResult.InvalidAnswer("status resource is not on the party's own origin");
        }
        PartyHttp.Exchange exchange = PartyHttp.exchange(
                client,
                HttpRequest.newBuilder(status)
                        .timeout(settings.timeout())
                        .header("Accept", PeerMessages.MEDIA_TYPE)
                        .GET()
                        .build(),
                settings.timeout(),
                settings.maxAnswerBytes());
        if (!(exchange instanceof PartyHttp.Exchange.Received response)) {
            return new AdapterResult.Unreachable(((PartyHttp.Exchange.Failed) exchange).reason());
        }
        return switch (response.status()) {
            case 200 -> verified(response, requestJws, request);
            case 202 -> new AdapterResult.Pending(statusUrl, requestJws);
            case 404, 410 ->
                new AdapterResult.NotAnswered("the party's gateway no longer knows this request (HTTP "
                        + response.status() + problem(response) + "): no answer will come");
            default ->
                new AdapterResult.Unreachable("party gateway answered HTTP " + response.status() + problem(response));
        };
    }

    /** Nothing of an answer is used before its size, signature, signer, audience and binding are checked. */
    private AdapterResult verified(PartyHttp.Exchange.Received response, String requestJws, AdapterRequest request) {
        if (response.larger(settings.maxAnswerBytes())) {
            return new AdapterResult.InvalidAnswer("answer larger than " + settings.maxAnswerBytes() + " bytes");
        }
        try {
            JsonNode answer = settings.messages()
                    .verifyAnswer(
                            new String(response.body(), StandardCharsets.US_ASCII),
                            requestJws,
                            settings.partyOin(),
                            settings.signer().oin());
            return interpret(request, answer, requestJws);
        } catch (PeerProtocolException e) {
            return new AdapterResult.InvalidAnswer("answer rejected: " + e.reason());
        }
    }

    private AdapterResult interpret(AdapterRequest request, JsonNode json, String requestJws) {
        PeerAnswer answer;
        try {
            answer = PeerAnswer.read(json);
        } catch (PeerAnswer.Unreadable e) {
            return new AdapterResult.InvalidAnswer(e.getMessage());
        }
        return switch (answer.outcome()) {
            case NIET_BEKEND -> new AdapterResult.NotKnown();
            case IN_BEHANDELING ->
                statusUri(answer)
                        .<AdapterResult>map(uri -> new AdapterResult.Pending(uri.toString(), requestJws))
                        .orElseGet(() -> new AdapterResult.InvalidAnswer("held answer without a signed status path"));
            case NIET_BEANTWOORD -> new AdapterResult.NotAnswered(answer.motivation());
            case GEWEIGERD -> new AdapterResult.Refused(answer.ground(), answer.motivation());
            case VERSTREKT, GEDEELTELIJK_VERSTREKT -> released(request, answer);
        };
    }

    /** Only subjects, categories and catalogue fields that were asked; anything else voids the answer. */
    private AdapterResult released(AdapterRequest request, PeerAnswer answer) {
        Set<String> asked =
                request.subjects().stream().map(AdapterRequest.Subject::bsn).collect(Collectors.toSet());
        List<AdapterResult.SubjectData> subjects = new ArrayList<>();
        for (PeerAnswer.Person person : answer.subjects()) {
            if (!asked.contains(person.bsn())) {
                return new AdapterResult.InvalidAnswer("answer contains a subject that was not asked");
            }
            for (var entry : person.data().entrySet()) {
                if (!request.categories().contains(entry.getKey())) {
                    return new AdapterResult.InvalidAnswer("answer contains a category that was not asked");
                }
                for (String field : entry.getValue().keySet()) {
                    boolean known = settings.fields().stream()
                            .anyMatch(m -> m.category().equals(entry.getKey())
                                    && m.field().equals(field));
                    if (!known) {
                        // Types are not checked here: a minimised value (a year, a count) has another
                        // type than the catalogue field; our own profile checks the values again.
                        return new AdapterResult.InvalidAnswer(
                                "answer contains an unknown field " + entry.getKey() + "." + field);
                    }
                }
            }
            subjects.add(new AdapterResult.SubjectData(person.bsn(), person.data()));
        }
        return subjects.isEmpty()
                ? new AdapterResult.NotKnown()
                : new AdapterResult.Answered(subjects, answer.removed());
    }
}
