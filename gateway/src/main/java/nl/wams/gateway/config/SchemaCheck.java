package nl.wams.gateway.config;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Validates a YAML tree against one of the JSON Schemas shipped in {@code config/schema/}. */
final class SchemaCheck {

    static final String GATEWAY_SCHEMA = "/schema/gateway-config.schema.json";
    static final String CATALOGUE_SCHEMA = "/schema/catalogue.schema.json";

    private final Schema schema;

    private SchemaCheck(Schema schema) {
        this.schema = schema;
    }

    static SchemaCheck load(String resource) {
        try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema missing from the build: " + resource);
            }
            return new SchemaCheck(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(in, InputFormat.JSON));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void validate(LocatedYaml yaml, List<ConfigProblem> problems) {
        for (Error error : schema.validate(yaml.tree())) {
            String pointer = pointer(error.getInstanceLocation());
            switch (error.getKeyword()) {
                case "required" ->
                    problems.add(yaml.problem(pointer, "missing required key '" + error.getProperty() + "'"));
                case "additionalProperties", "unevaluatedProperties" ->
                    problems.add(yaml.problem(
                            pointer + "/" + error.getProperty(), "unknown key '" + error.getProperty() + "'"));
                default -> problems.add(yaml.problem(pointer, stripLocation(error.getMessage())));
            }
        }
    }

    private static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            String name = String.valueOf(path.getElement(i));
            pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    /** networknt prefixes messages with the instance location, which we print separately. */
    private static String stripLocation(String message) {
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }
}
