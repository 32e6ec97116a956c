package nl.wams.gateway.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import nl.wams.gateway.request.DataRequestResult;
import nl.wams.gateway.requester.DataRequestHandler;
import nl.wams.gateway.requester.PendingAnswers;
import nl.wams.gateway.requester.ResultStore;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/gegevensverzoeken}: purpose-bound data requests of the municipality's applications. */
@RestController
@RequestMapping(path = "/api/v1/gegevensverzoeken", produces = MediaType.APPLICATION_JSON_VALUE)
class GegevensverzoekenController {

    private final DataRequestHandler handler;
    private final ResultStore store;
    private final RequestReader reader;
    private final PendingAnswers pending;

    GegevensverzoekenController(
            DataRequestHandler handler, ResultStore store, RequestReader reader, PendingAnswers pending) {
        this.handler = handler;
        this.store = store;
        this.reader = reader;
        this.pending = pending;
    }

    /** The result with the poll schedule of each held answer. */
    private GegevensverzoekResultaat view(DataRequestResult result) throws SQLException {
        return GegevensverzoekResultaat.of(result, result.pending() ? pending.schedule(result.id()) : List.of());
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<GegevensverzoekResultaat> create(
            @RequestBody byte[] body, @AuthenticationPrincipal Jwt caller, HttpServletRequest request)
            throws SQLException {
        UUID id = ApiHeadersFilter.transactionId(request);
        DataRequestResult result = handler.handle(id, caller.getSubject(), reader.read(body));
        URI location = URI.create("/api/v1/gegevensverzoeken/" + id);
        return ResponseEntity.status(result.pending() ? 202 : 201)
                .location(location)
                .body(view(result));
    }

    @GetMapping("/{id}")
    ResponseEntity<GegevensverzoekResultaat> get(@PathVariable("id") UUID id, @AuthenticationPrincipal Jwt caller)
            throws SQLException {
        DataRequestResult result = store.get(id, caller.getSubject())
                .orElseThrow(
                        () -> new ResourceNotFoundException("Gegevensverzoek niet gevonden of niet meer beschikbaar."));
        return ResponseEntity.ok(view(result));
    }
}
