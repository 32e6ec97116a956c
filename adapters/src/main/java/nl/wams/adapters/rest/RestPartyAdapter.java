package nl.wams.adapters.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.wams.adapters.AdapterRequest;
import nl.wams.adapters.AdapterResult;
import nl.wams.adapters.FieldMapping;
import nl.wams.adapters.PartyAdapter;
import nl.wams.adapters.PartyHttp;
import nl.wams.adapters.RefusalGround;

/**
 * Asks a party's REST/JSON backend with one POST per request (all subjects in the body) and maps
 * the answer onto canonical fields through configured JSON pointers.
 *
 * <p>Outcomes: 404 or no known subject -> not known; a refusal ground in the answer -> refused;
 * timeout, connection failure or 5xx -> unreachable; anything unparseable, oversized, of the
 * wrong type or about a subject that was not asked -> invalid answer.
 */
public final class RestPartyAdapter implements PartyAdapter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestAdapterSettings settings;
    private final HttpClient client;

    public RestPartyAdapter(RestAdapterSettings settings) {
        this.settings = settings;
        this.client = PartyHttp.client(settings.timeout(), settings.sslContext());
    }

    @Override
    public AdapterResult fetch(AdapterRequest request) {
        PartyHttp.Exchange exchange =
                PartyHttp.exchange(client, buildRequest(request), settings.timeout(), settings.maxAnswerBytes());
        if (exchange instanceof PartyHttp.Exchange.Failed failed) {
            return new AdapterResult.Unreachable(failed.reason());
        }
        return interpret(request, (PartyHttp.Exchange.Received) exchange);
    }

    private HttpRequest buildRequest(AdapterRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("transactieId", request.transactionId());
        body.put("doel", request.purpose());
        ArrayNode categories = body.putArray("categorieen");
        request.categories().forEach(categories::add);
        ArrayNode subjects = body.putArray("personen");
        for (AdapterRequest.Subject subject : request.subjects()) {
            subjects.addObject().put("bsn", subject.bsn()).put("rol", subject.role());
        }
        return HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Fsc-Transaction-Id", request.transactionId())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private AdapterResult interpret(AdapterRequest request, PartyHttp.Exchange.Received response) {
        int status = response.status();
        if (status == 404) {
            return new AdapterResult.NotKnown();
        }
        if (status >= 500) {
            return new AdapterResult.Unreachable("backend answered HTTP " + status);
        }
        if (status != 200 && status != 403) {
            return new AdapterResult.InvalidAnswer("unexpected HTTP status " + status);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.toLowerCase().startsWith("application/json")) {
            return new AdapterResult.InvalidAnswer("answer is not application/json");
        }
        if (response.larger(settings.maxAnswerBytes())) {
            return new AdapterResult.InvalidAnswer("answer larger than " + settings.maxAnswerBytes() + " bytes");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) { // from a byte array: only ever a parse error
            return new AdapterResult.InvalidAnswer("answer is not valid JSON");
        }
        if (answer == null || !answer.isObject()) {
            return new AdapterResult.InvalidAnswer("answer is not a JSON object");
        }
        JsonNode ground = answer.at(settings.refusalGroundPointer());
        if (!ground.isMissingNode()) {
            return refusal(ground, answer.at(settings.refusalMotivationPointer()));
        }
        if (status == 403) {
            return new AdapterResult.InvalidAnswer("HTTP 403 without a refusal ground");
        }
        return subjects(request, answer);
    }

    private static AdapterResult refusal(JsonNode ground, JsonNode motivation) {
        return RefusalGround.parse(ground.asText())
                .<AdapterResult>map(
                        g -> new AdapterResult.Refused(g, motivation.isTextual() ? motivation.asText() : null))
                .orElseGet(() -> new AdapterResult.InvalidAnswer("unknown refusal ground"));
    }

    private AdapterResult subjects(AdapterRequest request, JsonNode answer) {
        JsonNode elements = answer.at(settings.subjectsPointer());
        if (!elements.isArray()) {
            return new AdapterResult.InvalidAnswer("no subject list at " + settings.subjectsPointer());
        }
        Set<String> asked =
                request.subjects().stream().map(AdapterRequest.Subject::bsn).collect(Collectors.toSet());
        List<AdapterResult.SubjectData> known = new ArrayList<>();
        for (JsonNode element : elements) {
            JsonNode bsn = element.at(settings.bsnPointer());
            if (!bsn.isTextual() || !asked.contains(bsn.asText())) {
                // Data about someone we did not ask about must never pass, not even partly.
                return new AdapterResult.InvalidAnswer("answer contains a subject that was not asked");
            }
            Map<String, Map<String, JsonNode>> categories = new LinkedHashMap<>();
            for (FieldMapping mapping : askedMappings(request)) {
                JsonNode value = element.at(mapping.pointer());
                if (value.isMissingNode()) {
                    continue;
                }
                if (!mapping.type().accepts(value)) {
                    return new AdapterResult.InvalidAnswer("field " + mapping.category() + "." + mapping.field()
                            + " is not of type " + mapping.type());
                }
                categories
                        .computeIfAbsent(mapping.category(), c -> new LinkedHashMap<>())
                        .put(mapping.field(), value);
            }
            known.add(new AdapterResult.SubjectData(bsn.asText(), categories));
        }
        return known.isEmpty() ? new AdapterResult.NotKnown() : new AdapterResult.Answered(known);
    }

    /** The mappings of the asked categories, in the order the categories were asked. */
    private List<FieldMapping> askedMappings(AdapterRequest request) {
        List<FieldMapping> asked = new ArrayList<>();
        for (String category : request.categories()) {
            settings.mappings().stream()
                    .filter(m -> m.category().equals(category))
                    .forEach(asked::add);
        }
        return asked;
    }
}
