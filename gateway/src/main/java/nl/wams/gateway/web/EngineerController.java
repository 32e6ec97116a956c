package nl.wams.gateway.web;

import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.register.ActiveRules;
import nl.wams.gateway.register.Rules;
import nl.wams.gateway.routing.PartyRoutes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The integration engineer's read-only screens (role {@code engineer}): the purpose register as
 * this gateway runs it, and how each party fares (adapter, circuit breaker, recent calls).
 */
@Controller
class EngineerController {

    private final LoadedConfig config;
    private final ActiveRules rules;
    private final PartyRoutes routes;

    EngineerController(LoadedConfig config, ActiveRules rules, PartyRoutes routes) {
        this.config = config;
        this.rules = rules;
        this.routes = routes;
    }

    /** The purpose register in force (after the last reload), with its version. */
    @GetMapping("/register")
    String register(Model model) {
        Rules in = rules.current();
        model.addAttribute("gateway", in.gateway());
        model.addAttribute("catalogus", in.catalogue());
        model.addAttribute("minimalisatie", in.minimisation());
        model.addAttribute("versie", in.version());
        return "web/register";
    }

    @GetMapping("/partijen")
    String parties(Model model) {
        model.addAttribute("partijen", config.gateway().parties());
        model.addAttribute("gezondheid", routes.health());
        return "web/partijen";
    }
}
