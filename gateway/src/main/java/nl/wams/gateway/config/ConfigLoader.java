package nl.wams.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.wams.adapters.FieldType;

/**
 * Reads a gateway configuration and its category catalogue, and refuses it with every problem
 * listed when anything is wrong. Order: YAML syntax, JSON Schema (structure, unknown keys,
 * formats), then cross-references ({@link ConfigRules}). A gateway never starts half-configured.
 */
public final class ConfigLoader {

    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

    private final SchemaCheck gatewaySchema = SchemaCheck.load(SchemaCheck.GATEWAY_SCHEMA);
    private final SchemaCheck catalogueSchema = SchemaCheck.load(SchemaCheck.CATALOGUE_SCHEMA);
    private final ObjectMapper binder = binder();

    /** Loads and validates; throws {@link InvalidConfigException} listing every problem. */
    public LoadedConfig load(Path file) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException(List.of(new ConfigProblem(file, 0, "", "file not found")));
        }
        LocatedYaml yaml = LocatedYaml.read(file, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        gatewaySchema.validate(yaml, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        GatewayConfig gateway = bind(yaml, GatewayConfig.class);
        Path cataloguePath =
                file.toAbsolutePath().getParent().resolve(gateway.catalogue()).normalize();
        if (!Files.isRegularFile(cataloguePath)) {
            throw new InvalidConfigException(
                    List.of(yaml.problem("/catalogue", "catalogue file not found: " + cataloguePath)));
        }
        LocatedYaml catalogueYaml = LocatedYaml.read(cataloguePath, problems);
        if (problems.isEmpty()) {
            catalogueSchema.validate(catalogueYaml, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        LoadedConfig loaded = new LoadedConfig(
                file, gateway, bind(catalogueYaml, Catalogue.class), yaml.text(), catalogueYaml.text());
        new ConfigRules(loaded, yaml, catalogueYaml).check(problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return loaded;
    }

    /**
     * A problem at a place in a configuration file ({@code pointer} as in JSON Pointer, for example
     * {@code /parties}), with that place's line; line 0 when the file cannot be read.
     */
    public ConfigProblem problemAt(Path file, String pointer, String message) {
        LocatedYaml yaml = LocatedYaml.read(file, new ArrayList<>());
        return yaml.problem(pointer, message);
    }

    private <T> T bind(LocatedYaml yaml, Class<T> type) {
        try {
            return binder.treeToValue(yaml.tree(), type);
        } catch (IOException e) {
            // The schema should have caught this; report it as a problem rather than a crash.
            throw new InvalidConfigException(List.of(yaml.problem("", "cannot read configuration: " + e.getMessage())));
        }
    }

    private static ObjectMapper binder() {
        SimpleModule module = new SimpleModule();
        module.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return parseDuration(parser.getValueAsString());
            }
        });
        module.addDeserializer(FieldType.class, new JsonDeserializer<>() {
            @Override
            public FieldType deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return FieldType.valueOf(parser.getValueAsString().toUpperCase(Locale.ROOT));
            }
        });
        module.addDeserializer(Catalogue.Sensitivity.class, new JsonDeserializer<>() {
            @Override
            public Catalogue.Sensitivity deserialize(JsonParser parser, DeserializationContext context)
                    throws IOException {
                return Catalogue.Sensitivity.valueOf(parser.getValueAsString().toUpperCase(Locale.ROOT));
            }
        });
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .registerModule(module);
    }

    /** Parses {@code 500ms}, {@code 5s}, {@code 30m}, {@code 2h}, {@code 10d}. */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
