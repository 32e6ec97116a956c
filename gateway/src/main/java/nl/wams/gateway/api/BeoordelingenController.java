package nl.wams.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.federation.ProviderService;
import nl.wams.gateway.federation.ReviewLifecycle;
import nl.wams.gateway.federation.ReviewStore;
import nl.wams.gateway.request.AnswerCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The professional's review inbox (provider role, role {@code reviewer}): pending requests oldest
 * first, one request in full, and the decision (release some or all categories, or refuse with a
 * ground and a motivation). A decision is final.
 */
@RestController
class BeoordelingenController {

    static final Set<String> GROUNDS = Set.of("ZWAARWEGENDE_REDENEN", "BEROEPSGEHEIM", "NIET_NOODZAKELIJK");
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final LoadedConfig config;
    private final ObjectProvider<ProviderService> provider;
    private final ObjectProvider<ReviewStore> reviews;

    BeoordelingenController(
            LoadedConfig config, ObjectProvider<ProviderService> provider, ObjectProvider<ReviewStore> reviews) {
        this.config = config;
        this.provider = provider;
        this.reviews = reviews;
    }

    @GetMapping(path = "/api/v1/beoordelingen", produces = MediaType.APPLICATION_JSON_VALUE)
    BeoordelingenPagina list(
            @RequestParam(name = "pagina", defaultValue = "1") int page,
            @RequestParam(name = "paginaGrootte", defaultValue = "50") int pageSize)
            throws SQLException {
        providerOnly();
        if (page < 1 || pageSize < 1 || pageSize > 500) {
            throw new InvalidRequestException("pagina >= 1 en paginaGrootte 1..500", List.of());
        }
        return new BeoordelingenPagina(
                reviews.getObject().open(page, pageSize).stream()
                        .map(Beoordeling::of)
                        .toList(),
                page,
                pageSize);
    }

    @GetMapping(path = "/api/v1/beoordelingen/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Beoordeling get(@PathVariable("id") String id) throws SQLException {
        providerOnly();
        return reviews.getObject()
                .get(id)
                .map(Beoordeling::of)
                .orElseThrow(() -> new ResourceNotFoundException("Beoordeling niet gevonden."));
    }

    @PostMapping(
            path = "/api/v1/beoordelingen/{id}/besluit",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Beoordeling> decide(
            @PathVariable("id") String id, @RequestBody byte[] body, @AuthenticationPrincipal Jwt reviewer)
            throws SQLException {
        providerOnly();
        ReviewLifecycle.Decision decision = decision(body);
        return switch (provider.getObject().reviews().decide(id, reviewer.getSubject(), decision)) {
            case NOT_FOUND -> throw new ResourceNotFoundException("Beoordeling niet gevonden.");
            case ALREADY_DECIDED -> throw new AlreadyDecidedException();
            case NOT_ASKED ->
                throw new InvalidRequestException(
                        "Alleen gevraagde categorieën kunnen worden vrijgegeven.",
                        List.of(new InvalidRequestException.InvalidParam(
                                "categorieen", "alleen categorieën die in het verzoek gevraagd zijn")));
            case DECIDED ->
                ResponseEntity.ok(Beoordeling.of(reviews.getObject().get(id).orElseThrow()));
        };
    }

    private void providerOnly() {
        if (!config.gateway().provides()) {
            throw new ResourceNotFoundException("Deze gateway beoordeelt geen verzoeken.");
        }
    }

    private static ReviewLifecycle.Decision decision(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidRequestException("De body is geen geldige JSON.", List.of());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException("De body moet een JSON-object zijn.", List.of());
        }
        String besluit = node.path("besluit").asText();
        String motivering = node.path("motivering").asText("").strip();
        if (!node.path("motivering").isMissingNode() && !node.path("motivering").isTextual()
                || !AnswerCheck.plainText(motivering)) {
            throw new InvalidRequestException(
                    "De motivering is platte tekst van ten hoogste " + AnswerCheck.MAX_TEXT + " tekens.",
                    List.of(new InvalidRequestException.InvalidParam(
                            "motivering", "ten hoogste " + AnswerCheck.MAX_TEXT + " tekens, geen stuurtekens")));
        }
        if ("VRIJGEVEN".equals(besluit)) {
            List<String> categories = new ArrayList<>();
            node.path("categorieen").forEach(c -> categories.add(c.asText()));
            if (categories.size() > 20 || categories.stream().anyMatch(c -> !c.matches("[a-z0-9][a-z0-9-]{0,63}"))) {
                throw new InvalidRequestException(
                        "categorieen noemt categorieën bij hun naam.",
                        List.of(new InvalidRequestException.InvalidParam("categorieen", "namen van categorieën")));
            }
            if (categories.isEmpty()) {
                throw new InvalidRequestException(
                        "Noem de categorieën die vrijgegeven worden.",
                        List.of(new InvalidRequestException.InvalidParam("categorieen", "verplicht bij VRIJGEVEN")));
            }
            return new ReviewLifecycle.Decision.Release(categories);
        }
        if ("WEIGEREN".equals(besluit)) {
            String grond = node.path("grond").asText();
            if (!GROUNDS.contains(grond)) {
                throw new InvalidRequestException(
                        "grond moet " + GROUNDS + " zijn.",
                        List.of(new InvalidRequestException.InvalidParam(
                                "grond", "ZWAARWEGENDE_REDENEN, BEROEPSGEHEIM of NIET_NOODZAKELIJK")));
            }
            if (motivering.isEmpty()) {
                throw new InvalidRequestException(
                        "Een weigering vereist een motivering.",
                        List.of(new InvalidRequestException.InvalidParam("motivering", "verplicht bij WEIGEREN")));
            }
            return new ReviewLifecycle.Decision.Refuse(grond, motivering);
        }
        throw new InvalidRequestException(
                "besluit moet VRIJGEVEN of WEIGEREN zijn.",
                List.of(new InvalidRequestException.InvalidParam("besluit", "VRIJGEVEN of WEIGEREN")));
    }

    /** A decision was already taken; decisions are final. */
    static final class AlreadyDecidedException extends RuntimeException {
        AlreadyDecidedException() {
            super("already decided", null, false, false);
        }
    }

    /** A page of pending reviews. */
    record BeoordelingenPagina(List<Beoordeling> beoordelingen, int pagina, int paginaGrootte) {}

    /** A review as the professional sees it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Beoordeling(
            String id,
            String transactieId,
            String status,
            String aanvragerOin,
            String doel,
            String grondslag,
            String fase,
            String aanleiding,
            String zaakkenmerk,
            String motivering,
            JsonNode categorieen,
            JsonNode personen,
            String ontvangenOp,
            String uiterlijkOp,
            String besluitOp,
            String beoordelaar) {

        static Beoordeling of(ReviewStore.Review r) {
            try {
                return new Beoordeling(
                        r.id(),
                        r.transactionId(),
                        r.status().name(),
                        r.requesterOin(),
                        r.purpose(),
                        r.legalBasis(),
                        r.phase(),
                        r.trigger(),
                        r.caseRef(),
                        r.motivation(),
                        JSON.readTree(r.categories()),
                        JSON.readTree(r.subjects()),
                        r.createdAt(),
                        r.deadline(),
                        r.decidedAt(),
                        r.reviewer());
            } catch (IOException e) {
                throw new IllegalStateException("stored review unreadable", e);
            }
        }

        @Override
        public String toString() {
            return "Beoordeling[id=" + id + ", status=" + status + "]";
        }
    }
}
