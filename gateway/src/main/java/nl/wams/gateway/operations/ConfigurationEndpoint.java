package nl.wams.gateway.operations;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import nl.wams.gateway.audit.ConfigHistory;
import nl.wams.gateway.register.ActiveRules;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/configuratie} on the management port: which configuration version is in force
 * and when each version became active ({@code GET}), and a reload of the purpose register from the
 * configuration file ({@code POST}, optionally {@code {"door": "who"}}). A refused reload answers
 * 422 with every problem as {@code file:line: path: message}; the running rules stay.
 */
@Endpoint(id = "configuratie")
final class ConfigurationEndpoint {

    private static final Pattern WHO = Pattern.compile("[\\p{L}\\p{N} ._@-]{1,100}");
    static final String DEFAULT_WHO = "beheerpoort";

    private final ActiveRules rules;
    private final ConfigHistory history;

    ConfigurationEndpoint(ActiveRules rules, ConfigHistory history) {
        this.rules = rules;
        this.history = history;
    }

    @ReadOperation
    WebEndpointResponse<Map<String, Object>> current() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("versie", rules.version());
        body.put("bestand", String.valueOf(rules.current().loaded().file().getFileName()));
        try {
            List<ConfigHistory.Activation> activations = history.activations();
            body.put(
                    "activaties",
                    activations.subList(Math.max(0, activations.size() - 50), activations.size()).stream()
                            .map(a -> Map.of(
                                    "node", a.nodeId(),
                                    "sinds", a.at().toString(),
                                    "versie", a.version(),
                                    "door", a.loadedBy()))
                            .toList());
        } catch (SQLException e) {
            body.put("activaties", "the configuration history cannot be read");
            return new WebEndpointResponse<>(body, 503);
        }
        return new WebEndpointResponse<>(body, 200);
    }

    /** Reloads the configuration file; who asked is recorded (letters, digits, {@code ._@-} and spaces). */
    @WriteOperation
    WebEndpointResponse<Map<String, Object>> reload(@Nullable String door) {
        String who = door == null || door.isBlank() ? DEFAULT_WHO : door.strip();
        if (!WHO.matcher(who).matches()) {
            return new WebEndpointResponse<>(
                    Map.of(
                            "resultaat",
                            "GEWEIGERD",
                            "reden",
                            "'door' may hold letters, digits, spaces and ._@- (at most 100)"),
                    400);
        }
        return response(rules.reload(who));
    }

    static WebEndpointResponse<Map<String, Object>> response(ActiveRules.Reload reload) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (reload instanceof ActiveRules.Reload.Applied applied) {
            body.put("resultaat", "TOEGEPAST");
            body.put("versie", applied.version());
            body.put("vorigeVersie", applied.previous());
            body.put("wijzigingen", applied.changes());
            return new WebEndpointResponse<>(body, 200);
        }
        if (reload instanceof ActiveRules.Reload.Unchanged unchanged) {
            body.put("resultaat", "ONGEWIJZIGD");
            body.put("versie", unchanged.version());
            return new WebEndpointResponse<>(body, 200);
        }
        ActiveRules.Reload.Refused refused = (ActiveRules.Reload.Refused) reload;
        body.put("resultaat", "GEWEIGERD");
        body.put("versie", refused.version());
        body.put("problemen", refused.problems().stream().map(Object::toString).toList());
        return new WebEndpointResponse<>(body, 422);
    }
}
