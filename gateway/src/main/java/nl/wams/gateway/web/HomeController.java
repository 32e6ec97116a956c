package nl.wams.gateway.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/** The start page (what this person can do here) and the pages around logging in and out. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "web/start";
    }

    /** Any method: a refused POST (a missing CSRF token) is forwarded here as a POST. */
    @RequestMapping("/toegang-geweigerd")
    String denied(Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return WebPages.message(
                model,
                "Geen toegang",
                "U heeft geen rol die deze pagina mag openen. Vraag uw beheerder om de juiste rol.");
    }

    @GetMapping("/afgemeld")
    String loggedOut(Model model) {
        return WebPages.message(model, "U bent afgemeld", "Uw sessie bij deze gateway is beëindigd.");
    }

    @GetMapping("/sessie-verlopen")
    String expired(Model model) {
        return WebPages.message(
                model,
                "Uw sessie is verlopen",
                "U was een tijd niet actief. Meld u opnieuw aan om verder te gaan; wat u niet had verstuurd, is niet"
                        + " bewaard.");
    }

    /** Reached only when the provider could not be asked (else the login filter redirects first). */
    @GetMapping({"/oauth2/authorization/{id}", "/inlogdienst-niet-bereikbaar"})
    String providerUnreachable(
            @PathVariable(name = "id", required = false) String id, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        return WebPages.message(
                model,
                "Aanmelden lukt nu niet",
                "De inlogdienst van uw organisatie is niet bereikbaar of weigerde de aanmelding. Probeer het later"
                        + " opnieuw.");
    }
}
