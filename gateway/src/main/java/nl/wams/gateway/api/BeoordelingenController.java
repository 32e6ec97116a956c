package nl.wams.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.provider.ProviderService;
import nl.wams.gateway.provider.ReviewLifecycle;
import nl.wams.gateway.provider.ReviewStore;
import nl.wams.gateway.storage.StoredTime;
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

    private final LoadedConfig config;
    private final ObjectProvider<ProviderService> provider;
    private final ObjectProvider<ReviewStore> reviews;

    private final RequestReader reader;

    BeoordelingenController(
            LoadedConfig config,
            ObjectProvider<ProviderService> provider,
            ObjectProvider<ReviewStore> reviews,
            RequestReader reader) {
        this.config = config;
        this.reader = reader;
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
        ReviewLifecycle.Decision decision = reader.read(body, BesluitBody.class).toDecision();
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

    /** A decision was already taken; decisions are final. */
    static final class AlreadyDecidedException extends RuntimeException {
        AlreadyDecidedException() {
            super("already decided", null, false, false);
        }
    }

    /** A page of pending reviews. */
    record BeoordelingenPagina(List<Beoordeling> beoordelingen, int pagina, int paginaGrootte) {}

    /** A subject as the professional sees it: the BSN is what the professional looks up. */
    record Persoon(String bsn, String rol) {
        @Override
        public String toString() {
            return "Persoon[rol=" + rol + "]";
        }
    }

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
            List<String> categorieen,
            List<Persoon> personen,
            String ontvangenOp,
            String uiterlijkOp,
            String besluitOp,
            String beoordelaar) {

        static Beoordeling of(ReviewStore.Review r) {
            return new Beoordeling(
                    r.id(),
                    r.transactionId(),
                    r.status().name(),
                    r.requesterOin(),
                    r.purpose(),
                    r.legalBasis(),
                    r.phase(),
                    r.trigger() == null ? null : r.trigger().name(),
                    r.caseRef(),
                    r.motivation(),
                    r.categories(),
                    r.subjects().stream()
                            .map(s -> new Persoon(s.bsn(), s.role()))
                            .toList(),
                    time(r.createdAt()),
                    time(r.deadline()),
                    time(r.decidedAt()),
                    r.reviewer());
        }

        private static String time(Instant instant) {
            return instant == null ? null : StoredTime.format(instant);
        }

        @Override
        public String toString() {
            return "Beoordeling[id=" + id + ", status=" + status + "]";
        }
    }
}
