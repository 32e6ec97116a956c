package nl.wams.gateway.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import nl.wams.gateway.request.DataRequest;

/**
 * Reads every JSON request body strictly: unknown fields, duplicate fields, wrong types, numbers
 * where text belongs (a BSN as a number), trailing content and missing or oversized fields are all
 * refused, each named by its place in the schema and never by a submitted value. The one way a
 * request body becomes a value: a data request (for the API and {@code explain} alike), a
 * reviewer's decision, an access-report request.
 */
public final class RequestReader {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    private final ObjectMapper json = strict();
    private final Validator validator = VALIDATION.getValidator();

    /** Parses and validates; {@link InvalidRequestException} names what is wrong, never the values. */
    public DataRequest read(byte[] body) {
        return read(body, GegevensverzoekBody.class).toDataRequest();
    }

    /**
     * Parses a body into {@code type} and checks its constraints; {@link InvalidRequestException}
     * names what is wrong, never the values.
     */
    <T> T read(byte[] body, Class<T> type) {
        T parsed;
        try {
            parsed = json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(describe(e), List.of());
        } catch (IOException e) {
            throw new InvalidRequestException("De body is onleesbaar.", List.of());
        }
        if (parsed == null) {
            throw new InvalidRequestException("De body is leeg.", List.of());
        }
        List<InvalidRequestException.InvalidParam> params = validator.validate(parsed).stream()
                .map(v -> new InvalidRequestException.InvalidParam(
                        v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(InvalidRequestException.InvalidParam::name))
                .toList();
        if (!params.isEmpty()) {
            throw new InvalidRequestException(
                    params.stream().map(p -> p.name() + ": " + p.reason()).collect(Collectors.joining("; ")), params);
        }
        return parsed;
    }

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        var textual = mapper.coercionConfigFor(LogicalType.Textual);
        textual.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        textual.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        textual.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Names only fields of the schema, never a submitted name or value. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String parent = u.getPath().size() <= 1
                    ? ""
                    : path(u.getPath().subList(0, u.getPath().size() - 1));
            return parent.isEmpty()
                    ? "De body bevat een veld dat niet in het schema staat."
                    : "Object '" + parent + "' bevat een veld dat niet in het schema staat.";
        }
        if (e instanceof JsonParseException p
                && String.valueOf(p.getOriginalMessage()).startsWith("Duplicate field")) {
            return "De body bevat een veld meer dan eens; elk veld mag maar één keer voorkomen.";
        }
        if (e instanceof InvalidFormatException f) {
            return "Veld '" + path(f) + "' heeft een ongeldige waarde.";
        }
        if (e instanceof MismatchedInputException m) {
            return m.getPath().isEmpty()
                    ? "De body moet een JSON-object zijn."
                    : "Veld '" + path(m) + "' heeft het verkeerde type.";
        }
        return "De body is geen geldige JSON.";
    }

    private static String path(MismatchedInputException e) {
        return path(e.getPath());
    }

    private static String path(List<JsonMappingException.Reference> references) {
        return references.stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
