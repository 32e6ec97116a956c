package nl.wams.gateway.requester;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import nl.wams.gateway.config.Catalogue;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.minimisation.CategoryProfile;
import nl.wams.gateway.minimisation.FieldPath;
import nl.wams.gateway.minimisation.Transform;
import nl.wams.gateway.policy.Violation;
import nl.wams.gateway.register.Rules;
import nl.wams.gateway.request.DataRequest;

/**
 * What would happen to a data request before it happens ({@code explain}, and the preview of the
 * web interface): every rule it breaks, or per party and category exactly which fields would pass
 * (with their transform) and which would be removed. Nothing is sent or logged.
 */
public final class RequestPreview {

    private final Supplier<Rules> rules;

    /** @param rules the rules to preview with (the gateway's: those in force at each preview) */
    public RequestPreview(Supplier<Rules> rules) {
        this.rules = rules;
    }

    /** The preview: refused (with every violation) or the parties with what would pass. */
    public record Preview(DataRequest request, List<Violation> violations, List<PartyPreview> parties) {
        public boolean refused() {
            return !violations.isEmpty();
        }
    }

    public record PartyPreview(GatewayConfig.Party party, List<CategoryPreview> categories) {}

    /**
     * One category at one party.
     *
     * @param passes the profile's fields, each with its transform
     * @param removed the catalogue's other fields
     */
    public record CategoryPreview(Catalogue.Category category, List<FieldRule> passes, List<Removed> removed) {
        public boolean special() {
            return category.sensitivity() != Catalogue.Sensitivity.NORMAL;
        }
    }

    public record FieldRule(String path, String transform) {}

    /** A field that would not pass; {@code sentByParty}: the party's adapter maps it, so it would be dropped here. */
    public record Removed(String field, boolean sentByParty) {}

    public Preview preview(DataRequest request) {
        Rules in = rules.get();
        List<Violation> violations = in.policy().check(request);
        if (!violations.isEmpty()) {
            return new Preview(request, violations, List.of());
        }
        List<PartyPreview> parties = new ArrayList<>();
        for (DataRequest.PartyQuestion question : request.parties()) {
            GatewayConfig.Party party = in.gateway().party(question.party()).orElseThrow();
            List<CategoryPreview> categories = new ArrayList<>();
            for (String name : question.categories()) {
                categories.add(category(
                        in.catalogue().category(name).orElseThrow(),
                        in.minimisation().profile(request.purpose(), name).orElseThrow(),
                        party.adapter().mappings().getOrDefault(name, Map.of())));
            }
            parties.add(new PartyPreview(party, categories));
        }
        return new Preview(request, List.of(), parties);
    }

    private static CategoryPreview category(
            Catalogue.Category category, CategoryProfile profile, Map<String, String> mapped) {
        List<FieldRule> passes = new ArrayList<>();
        for (Map.Entry<FieldPath, Transform> rule : profile.rules().entrySet()) {
            passes.add(new FieldRule(rule.getKey().text(), rule.getValue().describe()));
        }
        List<Removed> removed = category.fields().keySet().stream()
                .sorted()
                .filter(field -> profile.rules().keySet().stream()
                        .noneMatch(p -> p.field().equals(field)))
                .map(field -> new Removed(field, mapped.containsKey(field)))
                .toList();
        return new CategoryPreview(category, passes, removed);
    }
}
