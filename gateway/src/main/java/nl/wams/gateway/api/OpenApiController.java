package nl.wams.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the API contract (written first, in {@code openapi.yaml}) as JSON, without authentication. */
@RestController
class OpenApiController {

    private final JsonNode document;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/openapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping(path = "/api/v1/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode openapi() {
        return document;
    }
}
