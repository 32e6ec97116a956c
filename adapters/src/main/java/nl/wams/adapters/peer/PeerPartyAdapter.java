package nl.wams.adapters.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.FieldMapping;
import nl.wams.adapters.PartyAdapter;
import nl.wams.adapters.PartyHttp;
import nl.wams.adapters.RefusalGround;

/**
 * Asks a party's wams gateway: a signed request over mutual TLS, and nothing of the answer is used
 * before its signature, signer, audience, times and binding to our request are verified. Any
 * failure of that is an invalid answer.
 */
public final class PeerPartyAdapter implements PartyAdapter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PeerAdapterSettings settings;
    private final HttpClient client;

    public PeerPartyAdapter(PeerAdapterSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .sslContext(settings.sslContext())
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public AdapterResult fetch(AdapterRequest request) {
        String requestJws = settings.messages()
                .signRequest(
                        settings.signer(),
                        settings.partyOin(),
                        UUID.randomUUID().toString(),
                        body(request),
                        request.context() == null
                                ? request.transactionId().replace("-", "")
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
            return new AdapterResult.InvalidAnswer("party gateway refused the request: HTTP " + status);
        }
        String location = response.headers().firstValue("Location").orElse(null);
        return verified(
                response,
                requestJws,
                request,
                location == null ? null : settings.url().resolve(location).toString());
    }

    private static JsonNode body(AdapterRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("doel", request.purpose());
        AdapterRequest.Context context = request.context();
        if (context != null) {
            body.put("grondslag", context.legalBasis());
            body.put("fase", context.phase());
            body.put("aanleiding", context.trigger());
            body.put("zaakkenmerk", context.caseReference());
            body.put("motivering", context.motivation());
        }
        ArrayNode categories = body.putArray("categorieen");
        request.categories().forEach(categories::add);
        ArrayNode subjects = body.putArray("personen");
        request.subjects().forEach(s -> subjects.addObject().put("bsn", s.bsn()).put("rol", s.role()));
        return body;
    }

    /**
     * Asks the party's status resource for the final answer to a held request: empty while the
     * professional has not decided, else the verified answer.
     */
    public Optional<AdapterResult> poll(String statusUrl, String requestJws, AdapterRequest request) {
        PartyHttp.Exchange exchange = PartyHttp.exchange(
                client,
                HttpRequest.newBuilder(URI.create(statusUrl))
                        .timeout(settings.timeout())
                        .header("Accept", PeerMessages.MEDIA_TYPE)
                        .GET()
                        .build(),
                settings.timeout(),
                settings.maxAnswerBytes());
        // Not reachable now, or not decided yet: ask again later.
        if (!(exchange instanceof PartyHttp.Exchange.Received response) || response.status() != 200) {
            return Optional.empty();
        }
        return Optional.of(verified(response, requestJws, request, statusUrl));
    }

    /** Nothing of an answer is used before its size, signature, signer, audience and binding are checked. */
    private AdapterResult verified(
            PartyHttp.Exchange.Received response, String requestJws, AdapterRequest request, String location) {
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
            return interpret(request, answer, location, requestJws);
        } catch (PeerProtocolException e) {
            return new AdapterResult.InvalidAnswer("answer rejected: " + e.reason());
        }
    }

    private AdapterResult interpret(AdapterRequest request, JsonNode answer, String location, String requestJws) {
        String outcome = answer.path("uitkomst").asText();
        switch (outcome) {
            case "NIET_BEKEND":
                return new AdapterResult.NotKnown();
            case "IN_BEHANDELING":
                return new AdapterResult.Pending(location, requestJws);
            case "NIET_BEANTWOORD":
                return new AdapterResult.NotAnswered(text(answer.get("motivering")));
            case "GEWEIGERD":
                return RefusalGround.parse(answer.path("grond").asText())
                        .<AdapterResult>map(g -> new AdapterResult.Refused(g, text(answer.get("motivering"))))
                        .orElseGet(() -> new AdapterResult.InvalidAnswer("unknown refusal ground"));
            case "VERSTREKT", "GEDEELTELIJK_VERSTREKT":
                return released(request, answer);
            default:
                return new AdapterResult.InvalidAnswer("unknown outcome");
        }
    }

    private AdapterResult released(AdapterRequest request, JsonNode answer) {
        Set<String> asked =
                request.subjects().stream().map(AdapterRequest.Subject::bsn).collect(Collectors.toSet());
        List<AdapterResult.SubjectData> subjects = new ArrayList<>();
        for (JsonNode person : answer.path("personen")) {
            String bsn = person.path("bsn").asText();
            if (!asked.contains(bsn)) {
                return new AdapterResult.InvalidAnswer("answer contains a subject that was not asked");
            }
            Map<String, Map<String, JsonNode>> categories = new LinkedHashMap<>();
            for (var category = person.path("gegevens").fields(); category.hasNext(); ) {
                var entry = category.next();
                if (!request.categories().contains(entry.getKey())) {
                    return new AdapterResult.InvalidAnswer("answer contains a category that was not asked");
                }
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                for (var field = entry.getValue().fields(); field.hasNext(); ) {
                    var f = field.next();
                    FieldMapping known = settings.fields().stream()
                            .filter(m -> m.category().equals(entry.getKey())
                                    && m.field().equals(f.getKey()))
                            .findFirst()
                            .orElse(null);
                    if (known == null) {
                        // Types are not checked here: a minimised value (a year, a count) has another
                        // type than the catalogue field; our own profile checks the values again.
                        return new AdapterResult.InvalidAnswer(
                                "answer contains an unknown field " + entry.getKey() + "." + f.getKey());
                    }
                    fields.put(f.getKey(), f.getValue());
                }
                categories.put(entry.getKey(), fields);
            }
            subjects.add(new AdapterResult.SubjectData(bsn, categories));
        }
        List<String> removed = new ArrayList<>();
        answer.path("verwijderdeVelden").forEach(n -> removed.add(n.asText()));
        return subjects.isEmpty() ? new AdapterResult.NotKnown() : new AdapterResult.Answered(subjects, removed);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
