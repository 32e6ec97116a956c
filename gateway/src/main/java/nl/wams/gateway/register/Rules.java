package nl.wams.gateway.register;

import nl.wams.gateway.config.Catalogue;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.minimisation.MinimisationFilter;
import nl.wams.gateway.policy.RequestPolicy;

/**
 * One version of the configuration with what decides requests under it: the purpose register's
 * policy and the compiled minimisation profiles. A request takes the rules once, when it starts,
 * and keeps them to its end, also when a reload replaces them meanwhile.
 *
 * @param version the configuration's content hash ({@link LoadedConfig#version()})
 */
public record Rules(LoadedConfig loaded, String version, RequestPolicy policy, MinimisationFilter minimisation) {

    /** Compiles the rules of a validated configuration. */
    public static Rules of(LoadedConfig loaded) {
        GatewayConfig gateway = loaded.gateway();
        return new Rules(
                loaded,
                loaded.version(),
                new RequestPolicy(gateway, loaded.catalogue()),
                MinimisationFilter.compile(gateway.minimisation(), gateway.coarseTables()));
    }

    public GatewayConfig gateway() {
        return loaded.gateway();
    }

    public Catalogue catalogue() {
        return loaded.catalogue();
    }
}
