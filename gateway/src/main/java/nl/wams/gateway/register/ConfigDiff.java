package nl.wams.gateway.register;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;

/**
 * What a change of configuration does to the rules, in words, for the change review a
 * municipality requires: purposes added or removed, their categories and legal basis, the
 * fields each minimisation profile lets through, whom a provider serves and how it releases each
 * category, and which other sections changed (those need a restart).
 */
public final class ConfigDiff {

    /** Restart-only sections that {@link #between} explains in words of their own. */
    private static final Set<String> EXPLAINED = Set.of("/catalogue", "/parties", "/provider");

    private ConfigDiff() {}

    /** Every change from {@code before} to {@code after}, one sentence each; empty when the rules are the same. */
    public static List<String> between(LoadedConfig before, LoadedConfig after) {
        List<String> changes = new ArrayList<>();
        purposes(before.gateway(), after.gateway(), changes);
        if (!before.gateway().collectionRules().equals(after.gateway().collectionRules())) {
            changes.add("collection rules changed (bulk limits or exploration categories)");
        }
        if (!before.gateway().coarseTables().equals(after.gateway().coarseTables())) {
            changes.add("coarse tables changed: "
                    + changedKeys(
                            before.gateway().coarseTables(), after.gateway().coarseTables()));
        }
        minimisation(
                "profile ", before.gateway().minimisation(), after.gateway().minimisation(), changes);
        for (String recipient : union(
                before.gateway().outbound().keySet(), after.gateway().outbound().keySet())) {
            minimisation(
                    "outbound profile for " + recipient + " ",
                    before.gateway().outbound().getOrDefault(recipient, Map.of()),
                    after.gateway().outbound().getOrDefault(recipient, Map.of()),
                    changes);
        }
        provider(before.gateway().provider(), after.gateway().provider(), changes);
        parties(before.gateway(), after.gateway(), changes);
        if (!before.catalogueText().equals(after.catalogueText())) {
            changes.add("the catalogue changed (restart needed)");
        }
        RestartOnly.changed(before, after).stream()
                .filter(pointer -> !EXPLAINED.contains(pointer))
                .forEach(pointer -> changes.add("section '" + pointer.substring(1) + "' changed (restart needed)"));
        return changes;
    }

    private static void purposes(GatewayConfig before, GatewayConfig after, List<String> changes) {
        for (GatewayConfig.Purpose old : before.purposes()) {
            Optional<GatewayConfig.Purpose> now = after.purpose(old.id());
            if (now.isEmpty()) {
                changes.add("purpose '" + old.id() + "' removed: requests for it are refused");
                continue;
            }
            GatewayConfig.Purpose p = now.get();
            addedRemoved("purpose '" + p.id() + "'", "categories", old.categories(), p.categories(), changes);
            if (!Objects.equals(old.legalBasis(), p.legalBasis())) {
                changes.add("purpose '" + p.id() + "': legal basis changed from '" + id(old.legalBasis()) + "' to '"
                        + id(p.legalBasis()) + "'");
            }
            if (!Objects.equals(old.phase(), p.phase())) {
                changes.add("purpose '" + p.id() + "': phase changed from " + old.phase() + " to " + p.phase());
            }
            flag(p.id(), "special categories", old.specialCategoriesAllowed(), p.specialCategoriesAllowed(), changes);
            flag(p.id(), "criminal-law data", old.criminalCategoriesAllowed(), p.criminalCategoriesAllowed(), changes);
            flag(p.id(), "asking every category", old.allCategoriesAllowed(), p.allCategoriesAllowed(), changes);
            if (!Objects.equals(old.motivationRequired(), p.motivationRequired())) {
                changes.add("purpose '" + p.id() + "': a motivation is "
                        + (p.motivationRequired() ? "now required" : "no longer required"));
            }
            if (!Objects.equals(old.maxParties(), p.maxParties())) {
                changes.add("purpose '" + p.id() + "': most parties per request changed from " + old.maxParties()
                        + " to " + p.maxParties());
            }
        }
        for (GatewayConfig.Purpose p : after.purposes()) {
            if (before.purpose(p.id()).isEmpty()) {
                changes.add("purpose '" + p.id() + "' added (phase " + p.phase() + ", legal basis '"
                        + id(p.legalBasis()) + "', categories: " + String.join(", ", p.categories()) + ")");
            }
        }
    }

    private static void flag(String purpose, String what, boolean before, boolean after, List<String> changes) {
        if (before != after) {
            changes.add("purpose '" + purpose + "': " + what + " " + (after ? "now allowed" : "no longer allowed"));
        }
    }

    private static String id(GatewayConfig.LegalBasis basis) {
        return basis == null ? "none" : basis.id();
    }

    private static void minimisation(
            String label,
            Map<String, Map<String, Map<String, JsonNode>>> before,
            Map<String, Map<String, Map<String, JsonNode>>> after,
            List<String> changes) {
        for (String purpose : union(before.keySet(), after.keySet())) {
            Map<String, Map<String, JsonNode>> old = before.getOrDefault(purpose, Map.of());
            Map<String, Map<String, JsonNode>> now = after.getOrDefault(purpose, Map.of());
            for (String category : union(old.keySet(), now.keySet())) {
                String profile = label + purpose + "/" + category;
                if (!now.containsKey(category)) {
                    changes.add(profile + " removed: no field of it passes any more");
                    continue;
                }
                if (!old.containsKey(category)) {
                    changes.add(profile + " added, fields: " + fields(now.get(category)));
                    continue;
                }
                Map<String, JsonNode> oldFields = old.get(category);
                Map<String, JsonNode> newFields = now.get(category);
                for (String field : union(oldFields.keySet(), newFields.keySet())) {
                    JsonNode was = oldFields.get(field);
                    JsonNode is = newFields.get(field);
                    if (is == null) {
                        changes.add(profile + ": field '" + field + "' removed (no longer passes)");
                    } else if (was == null) {
                        changes.add(profile + ": field '" + field + "' added (" + transform(is) + ")");
                    } else if (!was.equals(is)) {
                        changes.add(profile + ": field '" + field + "' changed from " + transform(was) + " to "
                                + transform(is));
                    }
                }
            }
        }
    }

    private static String fields(Map<String, JsonNode> fields) {
        return fields.entrySet().stream()
                .map(f -> f.getKey() + " (" + transform(f.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String transform(JsonNode spec) {
        return spec.isTextual() ? spec.asText() : spec.toString();
    }

    private static void provider(GatewayConfig.Provider before, GatewayConfig.Provider after, List<String> changes) {
        if (before == null && after == null) {
            return;
        }
        if (before == null || after == null) {
            changes.add(
                    after == null
                            ? "the provider role removed (restart needed)"
                            : "the provider role added (restart needed)");
            return;
        }
        Set<String> oins = union(
                before.serves().stream().map(GatewayConfig.Served::requesterOin).toList(),
                after.serves().stream().map(GatewayConfig.Served::requesterOin).toList());
        for (String oin : oins) {
            List<String> was =
                    before.served(oin).map(GatewayConfig.Served::purposes).orElse(List.of());
            List<String> is =
                    after.served(oin).map(GatewayConfig.Served::purposes).orElse(List.of());
            if (was.isEmpty() && !is.isEmpty()) {
                changes.add("organisation " + oin + " now served for: " + String.join(", ", is));
            } else if (is.isEmpty() && !was.isEmpty()) {
                changes.add("organisation " + oin + " no longer served");
            } else {
                addedRemoved("organisation " + oin, "served purposes", was, is, changes);
            }
            String wasUrl = before.served(oin).map(GatewayConfig.Served::url).orElse(null);
            String isUrl = after.served(oin).map(GatewayConfig.Served::url).orElse(null);
            if (!Objects.equals(wasUrl, isUrl)) {
                changes.add("contributions to case meetings of organisation " + oin + " now go to "
                        + (isUrl == null ? "nowhere (none can be made)" : isUrl));
            }
        }
        for (String category :
                union(before.releasePolicy().keySet(), after.releasePolicy().keySet())) {
            GatewayConfig.Release was = before.releasePolicy().get(category);
            GatewayConfig.Release is = after.releasePolicy().get(category);
            if (!Objects.equals(was, is)) {
                changes.add("release of '" + category + "' changed from " + (was == null ? "never (no policy)" : was)
                        + " to " + (is == null ? "never (no policy)" : is));
            }
        }
        if (!before.reviewTerm().equals(after.reviewTerm())) {
            changes.add("review term changed from " + before.reviewTerm() + " to " + after.reviewTerm());
        }
        if (!Objects.equals(before.backend(), after.backend())
                || !before.timeout().equals(after.timeout())) {
            changes.add("the provider's backend changed (restart needed)");
        }
    }

    private static void parties(GatewayConfig before, GatewayConfig after, List<String> changes) {
        for (GatewayConfig.Party old : before.parties()) {
            Optional<GatewayConfig.Party> now = after.party(old.id());
            if (now.isEmpty()) {
                changes.add("party '" + old.id() + "' removed (restart needed)");
            } else if (!old.equals(now.get())) {
                addedRemoved(
                        "party '" + old.id() + "'",
                        "categories",
                        old.categories(),
                        now.get().categories(),
                        changes);
                if (!old.categories().equals(now.get().categories())
                        || !Objects.equals(old.adapter(), now.get().adapter())
                        || !old.timeout().equals(now.get().timeout())
                        || !old.circuitBreaker().equals(now.get().circuitBreaker())) {
                    changes.add("party '" + old.id() + "' changed (restart needed)");
                }
            }
        }
        for (GatewayConfig.Party p : after.parties()) {
            if (before.party(p.id()).isEmpty()) {
                changes.add("party '" + p.id() + "' added, offering " + String.join(", ", p.categories())
                        + " (restart needed)");
            }
        }
    }

    private static void addedRemoved(
            String subject, String what, List<String> before, List<String> after, List<String> changes) {
        List<String> added = after.stream().filter(c -> !before.contains(c)).toList();
        List<String> removed = before.stream().filter(c -> !after.contains(c)).toList();
        if (!added.isEmpty()) {
            changes.add(subject + ": " + what + " added: " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            changes.add(subject + ": " + what + " removed: " + String.join(", ", removed));
        }
    }

    private static String changedKeys(Map<String, ?> before, Map<String, ?> after) {
        return union(before.keySet(), after.keySet()).stream()
                .filter(k -> !Objects.equals(before.get(k), after.get(k)))
                .collect(Collectors.joining(", "));
    }

    private static Set<String> union(Collection<String> a, Collection<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new TreeSet<>(all);
    }
}
