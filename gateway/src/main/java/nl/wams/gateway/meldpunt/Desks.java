package nl.wams.gateway.meldpunt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.wams.adapters.Referral;
import nl.wams.adapters.ReferralAdapter;
import nl.wams.gateway.config.AdapterParts;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.minimisation.CategoryProfile;
import nl.wams.gateway.minimisation.CoarseTable;
import nl.wams.gateway.minimisation.FieldPath;
import nl.wams.gateway.minimisation.Transform;
import nl.wams.gateway.minimisation.TransformSpec;

/**
 * The configured desks (a restart changes them, like parties): each with its compiled field
 * profile and, built when first used, its adapter of the configured type.
 */
public final class Desks {

    /** One desk, ready to route to. */
    public record Desk(GatewayConfig.Desk config, CategoryProfile profile) {
        public String id() {
            return config.id();
        }

        public String name() {
            return config.name();
        }
    }

    private final Map<String, Desk> desks = new LinkedHashMap<>();
    private final AdapterParts parts;
    private final Map<String, ReferralAdapter> adapters = new ConcurrentHashMap<>();

    public Desks(GatewayConfig.Meldpunt meldpunt, Map<String, CoarseTable> coarseTables, AdapterParts parts) {
        this.parts = parts;
        for (GatewayConfig.Desk desk : meldpunt.desks()) {
            desks.put(desk.id(), new Desk(desk, profile(desk, coarseTables)));
        }
    }

    private static CategoryProfile profile(GatewayConfig.Desk desk, Map<String, CoarseTable> coarseTables) {
        Map<FieldPath, Transform> rules = new LinkedHashMap<>();
        desk.fields()
                .forEach((path, spec) -> rules.put(FieldPath.parse(path), TransformSpec.parse(spec, coarseTables)));
        return CategoryProfile.compile(Referral.CATEGORY, rules);
    }

    public List<Desk> all() {
        return List.copyOf(desks.values());
    }

    public Optional<Desk> get(String id) {
        return Optional.ofNullable(desks.get(id));
    }

    /** The desk's adapter (built once). */
    ReferralAdapter adapter(Desk desk) {
        return adapters.computeIfAbsent(
                desk.id(), id -> desk.config().adapter().type().referrals(desk.config(), parts));
    }

    /** What the desk's profile lets through of {@code fields}; removed names are added to {@code removed}. */
    static Map<String, JsonNode> release(Desk desk, Map<String, JsonNode> fields, List<String> removed) {
        return desk.profile().release(fields, removed);
    }
}
