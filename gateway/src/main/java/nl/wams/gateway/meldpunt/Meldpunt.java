package nl.wams.gateway.meldpunt;

import java.util.List;
import nl.wams.gateway.config.GatewayConfig;

/**
 * The reporting point for non-acute care (docs/meldpunt.md), as the API and the web interface
 * use it: intake, the staff's triage, routing to desks.
 *
 * @param enabled false when the configuration has no {@code meldpunt} section (every path then answers 404)
 * @param name the reporting point's name on the public form
 * @param required what the reporting point requires besides the concern
 */
public record Meldpunt(
        boolean enabled,
        String name,
        List<GatewayConfig.SignalField> required,
        Intake intake,
        Triage triage,
        Routings routings) {}
