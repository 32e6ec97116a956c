package nl.wams.gateway.register;

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
 * {@code collection-rules}, {@code coarse-tables}, {@code minimisation}, {@code outbound} and the
 * provider's {@code serves}, {@code release-policy} and {@code review-term}. Everything else
 * (identity, listeners, keys, the database, the catalogue, parties and their adapters, the web
 * login, the coordinated approach's terms and letter template, the reporting point with its desks) is
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
            new Section("/coordination", c -> c.gateway().coordination()),
            new Section("/meldpunt", c -> c.gateway().meldpunt()),
            new Section("/provider", c -> connection(c.gateway().provider())));

    private RestartOnly() {}

    /** The sections (as JSON pointers) that differ and only a restart can change. */
    static List<String> changed(LoadedConfig running, LoadedConfig next) {
        return SECTIONS.stream()
                .filter(s -> !Objects.equals(s.value().apply(running), s.value().apply(next)))
                .map(Section::pointer)
                .toList();
    }

    /** Every section the new file changes that only a restart can change; empty when a reload may apply it. */
    static List<ConfigProblem> problems(LoadedConfig running, LoadedConfig next, ConfigLoader loader) {
        return changed(running, next).stream()
                .map(pointer -> loader.problemAt(
                        next.file(),
                        pointer,
                        "changed, and a reload changes only the purpose register (purposes, collection-rules,"
                                + " coarse-tables, minimisation, outbound, provider serves/release-policy/review-term):"
                                + " restart the gateway to apply this"))
                .toList();
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
