package nl.wams.gateway.web;

import java.sql.SQLException;
import java.util.Set;
import java.util.stream.Collectors;
import nl.wams.gateway.audit.AuditUnavailableException;
import nl.wams.gateway.config.LoadedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * What every page of the web interface shows (organisation, the person logged in and their roles)
 * and how a page answers when something fails: a page in Dutch with the status, never a stack
 * trace or the request's content.
 */
@ControllerAdvice(basePackageClasses = WebPages.class)
class WebPages {

    private static final Logger LOG = LoggerFactory.getLogger(WebPages.class);

    private final LoadedConfig config;

    WebPages(LoadedConfig config) {
        this.config = config;
    }

    @ModelAttribute
    void common(Model model, Authentication authentication) {
        model.addAttribute("organisatie", config.gateway().identity().name());
        model.addAttribute("t", Texts.INSTANCE);
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
            model.addAttribute("gebruiker", displayName(user));
            model.addAttribute("rollen", roles(authentication));
        } else {
            model.addAttribute("rollen", Set.of());
        }
    }

    static String displayName(OidcUser user) {
        if (user.getFullName() != null) {
            return user.getFullName();
        }
        return user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
    }

    static Set<String> roles(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A page, request or review that does not exist (or is not the person's). */
    static final class NotFound extends RuntimeException {
        NotFound() {
            super("not found", null, false, false);
        }
    }

    @ExceptionHandler(NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        return message(model, "Niet gevonden", "Deze pagina bestaat niet, of is niet voor u bestemd.");
    }

    /** A closed case, or a decision already taken: final, nothing changes any more. */
    static final class Final extends RuntimeException {
        Final() {
            super("final", null, false, false);
        }
    }

    @ExceptionHandler(Final.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String closed(Model model) {
        return message(
                model, "Al afgerond", "De zaak is gesloten of hierover is al besloten; er verandert niets meer aan.");
    }

    /** Fail closed: without the log nothing is shown or done. */
    @ExceptionHandler({SQLException.class, AuditUnavailableException.class})
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String unavailable(Exception e, Model model) {
        LOG.warn("web page without storage: {}", e.getClass().getSimpleName());
        return message(
                model,
                "Even niet beschikbaar",
                "De gateway kan nu niets vastleggen of lezen. Er is niets verstuurd of vastgelegd. Probeer het over"
                        + " enkele minuten opnieuw.");
    }

    static String message(Model model, String title, String text) {
        model.addAttribute("titel", title);
        model.addAttribute("tekst", text);
        return "web/melding";
    }
}
