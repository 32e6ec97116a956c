package nl.wams.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import nl.wams.adapters.FieldType;
import nl.wams.adapters.Referral;
import nl.wams.gateway.config.GatewayConfig.Purpose;
import nl.wams.gateway.minimisation.CategoryProfile;
import nl.wams.gateway.minimisation.FieldPath;
import nl.wams.gateway.minimisation.Transform;
import nl.wams.gateway.minimisation.TransformSpec;

/**
 * Rules about minimisation profiles: every category a purpose allows has one, and each profile
 * names catalogue fields with transforms that fit their types (the minimisation model says which:
 * {@code Transform.fits}) and compiles. Part of {@link ConfigRules}.
 */
record MinimisationRules(LoadedConfig config, LocatedYaml yaml) {

    void check(Consumer<ConfigProblem> report) {
        everyAllowedCategoryHasAProfile(report);
        profilesAreValid(config.gateway().minimisation(), "/minimisation/", report);
        outboundProfilesAreValid(report);
        deskProfilesAreValid(report);
    }

    /**
     * The reporting point's desks: each profile names fields of the catalogue's category {@code
     * melding} with transforms that fit, like every other profile.
     */
    private void deskProfilesAreValid(Consumer<ConfigProblem> report) {
        GatewayConfig.Meldpunt meldpunt = config.gateway().meldpunt();
        if (meldpunt == null) {
            return;
        }
        var category = config.catalogue().category(Referral.CATEGORY);
        if (category.isEmpty()) {
            report.accept(yaml.problem(
                    "/meldpunt",
                    "the catalogue has no category '" + Referral.CATEGORY
                            + "' (the fields of a signal; the shipped catalogue has it)"));
            return;
        }
        for (int i = 0; i < meldpunt.desks().size(); i++) {
            String pointer = "/meldpunt/desks/" + i + "/fields";
            Map<FieldPath, Transform> rules = new LinkedHashMap<>();
            meldpunt.desks()
                    .get(i)
                    .fields()
                    .forEach((path, spec) -> fieldRule(category.get(), path, spec, pointer + "/" + escape(path), report)
                            .ifPresent(t -> rules.put(FieldPath.parse(path), t)));
            try {
                CategoryProfile.compile(Referral.CATEGORY, rules);
            } catch (IllegalArgumentException e) {
                report.accept(yaml.problem(pointer, e.getMessage()));
            }
        }
    }

    /**
     * Outbound profiles (data the college provides, a party's contribution to a case meeting): per
     * recipient, a configured party or a served requester, the same rules as answer profiles.
     */
    private void outboundProfilesAreValid(Consumer<ConfigProblem> report) {
        GatewayConfig gateway = config.gateway();
        gateway.outbound().forEach((recipient, profiles) -> {
            boolean party = gateway.party(recipient).isPresent();
            boolean served = gateway.provider() != null
                    && gateway.provider().served(recipient).isPresent();
            if (!party && !served) {
                report.accept(yaml.problem(
                        "/outbound/" + escape(recipient),
                        "unknown recipient '" + recipient
                                + "' (a party id, or the OIN of a requester this gateway serves)"));
                return;
            }
            profilesAreValid(profiles, "/outbound/" + escape(recipient) + "/", report);
        });
    }

    private void everyAllowedCategoryHasAProfile(Consumer<ConfigProblem> report) {
        List<Purpose> purposes = config.gateway().purposes();
        for (int i = 0; i < purposes.size(); i++) {
            Purpose purpose = purposes.get(i);
            var profiles = config.gateway().minimisation().getOrDefault(purpose.id(), Map.of());
            for (int j = 0; j < purpose.categories().size(); j++) {
                String category = purpose.categories().get(j);
                if (config.catalogue().category(category).isPresent() && !profiles.containsKey(category)) {
                    report.accept(yaml.problem(
                            "/purposes/" + i + "/categories/" + j,
                            "no minimisation profile for category '" + category + "' (add minimisation." + purpose.id()
                                    + "." + category + "; without one nothing would pass)"));
                }
            }
        }
    }

    private void profilesAreValid(
            Map<String, Map<String, Map<String, JsonNode>>> profiles, String prefix, Consumer<ConfigProblem> report) {
        profiles.forEach((purposeId, categories) -> {
            String purposePointer = prefix + purposeId;
            var purpose = config.gateway().purpose(purposeId);
            if (purpose.isEmpty()) {
                report.accept(yaml.problem(purposePointer, "unknown purpose '" + purposeId + "'"));
                return;
            }
            categories.forEach((categoryName, fields) -> {
                String pointer = purposePointer + "/" + categoryName;
                var category = config.catalogue().category(categoryName);
                if (category.isEmpty()) {
                    report.accept(
                            yaml.problem(pointer, "unknown category '" + categoryName + "' (not in the catalogue)"));
                    return;
                }
                if (!purpose.get().categories().contains(categoryName)) {
                    report.accept(yaml.problem(
                            pointer, "purpose '" + purposeId + "' does not allow category '" + categoryName + "'"));
                    return;
                }
                Map<FieldPath, Transform> rules = new LinkedHashMap<>();
                fields.forEach(
                        (path, spec) -> fieldRule(category.get(), path, spec, pointer + "/" + escape(path), report)
                                .ifPresent(t -> rules.put(FieldPath.parse(path), t)));
                try {
                    CategoryProfile.compile(categoryName, rules);
                } catch (IllegalArgumentException e) {
                    report.accept(yaml.problem(pointer, e.getMessage()));
                }
            });
        });
    }

    private Optional<Transform> fieldRule(
            Catalogue.Category category, String text, JsonNode spec, String pointer, Consumer<ConfigProblem> report) {
        FieldPath path = FieldPath.parse(text); // the schema already checked the syntax
        Catalogue.Field field = category.fields().get(path.field());
        if (field == null) {
            report.accept(yaml.problem(
                    pointer,
                    "unknown field '" + path.field() + "' (category '" + category.name() + "' does not define it)"));
            return Optional.empty();
        }
        FieldPath.Step first = path.steps().get(0);
        if (first.elements() && field.type() != FieldType.LIST) {
            report.accept(yaml.problem(pointer, "'[]' needs a list, but '" + path.field() + "' is " + field.type()));
            return Optional.empty();
        }
        if (!first.elements() && path.nested() && field.type() != FieldType.OBJECT) {
            report.accept(yaml.problem(
                    pointer, "a nested path needs an object, but '" + path.field() + "' is " + field.type()));
            return Optional.empty();
        }
        Transform transform;
        try {
            transform = TransformSpec.parse(spec, config.gateway().coarseTables());
        } catch (IllegalArgumentException e) {
            report.accept(yaml.problem(pointer, e.getMessage()));
            return Optional.empty();
        }
        if (!path.nested() && !transform.fits(field.type())) {
            report.accept(yaml.problem(
                    pointer, "transform '" + transform.describe() + "' does not fit a " + field.type() + " field"));
            return Optional.empty();
        }
        return Optional.of(transform);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
