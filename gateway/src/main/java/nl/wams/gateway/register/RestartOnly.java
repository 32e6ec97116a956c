package nl.wams.gateway.register;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.ConfigProblem;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;

/**
 * What a reload may not change. A reload replaces the purpose register: {@code purposes},
 * {@code collection-rules}, {@code coarse-tables}, {@code minimisation} and the provider's
 * {@code serves}, {@code release-policy} and {@code review-term}. Everything else (identity,
 * listeners, keys, the database, the catalogue, parties and their adapters, the web login) is
 * built into the running gateway and needs a restart; a reload that changes it is refused, with
 * the place in the file.
 */
final class RestartOnly {

    private record Section(String pointer, Function<LoadedConfig, Object> value) {}

    private static final List<Section> SECTIONS = List.of(
            new Section("/identity", c -> c.gateway().identity()),
            new Section("/api", c -> c.gateway().api()),
            new Section("/authentication", c -> c.gateway().authentication()),
            new Section("/catalogue", LoadedConfig::catalogueText),
            new Section("/parties", c -> c.gateway().parties()),
            new Section("/audit", c -> c.gateway().audit()),
            new Section("/federation", c -> c.gateway().federation()),
            new Section("/web", c -> c.gateway().web()),
            new Section("/management", c -> c.gateway().management()),
            new Section("/review-polling", c -> c.gateway().reviewPolling()),
            new Section("/provider", c -> connection(c.gateway().provider())));

    private RestartOnly() {}

    /** Every section the new file changes that only a restart can change; empty when a reload may apply it. */
    static List<ConfigProblem> problems(LoadedConfig running, LoadedConfig next, ConfigLoader loader) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (Section section : SECTIONS) {
            if (!Objects.equals(section.value().apply(running), section.value().apply(next))) {
                problems.add(loader.problemAt(
                        next.file(),
                        section.pointer(),
                        "changed, and a reload changes only the purpose register (purposes, collection-rules,"
                                + " coarse-tables, minimisation, provider serves/release-policy/review-term):"
                                + " restart the gateway to apply this"));
            }
        }
        return problems;
    }

    /** The provider section without what a reload may change. */
    private static GatewayConfig.Provider connection(GatewayConfig.Provider provider) {
        if (provider == null) {
            return null;
        }
        return new GatewayConfig.Provider(
                List.of(), Map.of(), provider.backend(), provider.timeout(), null, provider.expiryCheck());
    }
}
