package nl.wams.gateway.register;

import java.util.LinkedHashMap;
import java.util.Map;
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
public record Rules(
        LoadedConfig loaded,
        String version,
        RequestPolicy policy,
        MinimisationFilter minimisation,
        Map<String, MinimisationFilter> outbound) {

    /** Compiles the rules of a validated configuration. */
    public static Rules of(LoadedConfig loaded) {
        GatewayConfig gateway = loaded.gateway();
        Map<String, MinimisationFilter> outbound = new LinkedHashMap<>();
        gateway.outbound()
                .forEach((recipient, profiles) ->
                        outbound.put(recipient, MinimisationFilter.compile(profiles, gateway.coarseTables())));
        return new Rules(
                loaded,
                loaded.version(),
                new RequestPolicy(gateway, loaded.catalogue()),
                MinimisationFilter.compile(gateway.minimisation(), gateway.coarseTables()),
                Map.copyOf(outbound));
    }

    /**
     * The outbound profiles for one recipient (a party id, or a served requester's OIN): what may
     * leave this gateway when it provides data or contributes to a case meeting. Default deny: a
     * recipient without profiles receives nothing.
     */
    public MinimisationFilter outboundTo(String recipient) {
        return outbound.getOrDefault(recipient, MinimisationFilter.NOTHING);
    }

    public GatewayConfig gateway() {
        return loaded.gateway();
    }

    public Catalogue catalogue() {
        return loaded.catalogue();
    }
}
