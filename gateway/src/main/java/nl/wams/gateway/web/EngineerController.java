package nl.wams.gateway.web;

import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.minimisation.MinimisationFilter;
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
    private final MinimisationFilter minimisation;
    private final PartyRoutes routes;

    EngineerController(LoadedConfig config, MinimisationFilter minimisation, PartyRoutes routes) {
        this.config = config;
        this.minimisation = minimisation;
        this.routes = routes;
    }

    @GetMapping("/register")
    String register(Model model) {
        model.addAttribute("gateway", config.gateway());
        model.addAttribute("catalogus", config.catalogue());
        model.addAttribute("minimalisatie", minimisation);
        return "web/register";
    }

    @GetMapping("/partijen")
    String parties(Model model) {
        model.addAttribute("partijen", config.gateway().parties());
        model.addAttribute("gezondheid", routes.health());
        return "web/partijen";
    }
}
