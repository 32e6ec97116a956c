package nl.wams.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.function.Supplier;
import nl.wams.gateway.GatewayApplication;
import nl.wams.gateway.api.ApiPaths;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The web interface's security: login with the organisation's OIDC provider (authorization code
 * with PKCE), a server-side session (idle timeout, a new id at login, ended at logout), CSRF
 * tokens on every form, no caching, a CSP without inline code, and the same roles per screen as
 * the API has per endpoint. Without a {@code web:} section this chain matches nothing and the
 * gateway is API only.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    /** Also the client registration repository of the OAuth2 login (one registration, discovered lazily). */
    @Bean
    OidcLogin oidcLogin(LoadedConfig config) {
        GatewayConfig.Web web = config.gateway().web();
        return new OidcLogin(web == null ? null : web.oidc());
    }

    @Bean
    @Order(1)
    SecurityFilterChain webSecurity(HttpSecurity http, LoadedConfig config, OidcLogin login) throws Exception {
        GatewayConfig.Web web = config.gateway().web();
        if (web == null) {
            return http.securityMatcher(request -> false).build();
        }
        http.securityMatcher(request -> !ApiPaths.isApi(request))
                .authorizeHttpRequests(a -> a.requestMatchers(
                                "/css/**",
                                "/js/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/afgemeld",
                                "/sessie-verlopen",
                                "/inlogdienst-niet-bereikbaar",
                                "/oauth2/authorization/**")
                        .permitAll()
                        // The reporting point's public form and status lookup: no account.
                        .requestMatchers("/meldpunt", "/meldpunt/status")
                        .permitAll()
                        .requestMatchers("/meldpunt/beroepsmelding")
                        .hasRole("melder")
                        .requestMatchers("/meldpunt/werkvoorraad", "/meldpunt/werkvoorraad/**")
                        .hasRole("meldpunt")
                        .requestMatchers("/verzoeken", "/verzoeken/**", "/zaken", "/zaken/**")
                        .hasRole("coordinator")
                        .requestMatchers("/beoordelingen", "/beoordelingen/**", "/ontvangen", "/ontvangen/**")
                        .hasRole("reviewer")
                        .requestMatchers("/verwerkingen", "/verwerkingen/**", "/inzage", "/inzage/**")
                        .hasRole("auditor")
                        .requestMatchers("/register", "/partijen")
                        .hasRole("engineer")
                        .anyRequest()
                        .authenticated())
                .oauth2Login(o -> o.loginPage("/oauth2/authorization/" + OidcLogin.REGISTRATION_ID)
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(pkce(login)))
                        .userInfoEndpoint(u -> u.oidcUserService(login.userService()))
                        .defaultSuccessUrl("/", false)
                        .failureUrl("/inlogdienst-niet-bereikbaar"))
                .logout(l -> l.logoutUrl("/afmelden")
                        .logoutSuccessHandler(providerLogout(login))
                        .invalidateHttpSession(true)
                        .clearAuthentication(true)
                        .deleteCookies(GatewayApplication.webSessionCookie(config.gateway())))
                .sessionManagement(
                        s -> s.sessionFixation(f -> f.changeSessionId()).invalidSessionUrl("/sessie-verlopen"))
                .exceptionHandling(e -> e.accessDeniedPage("/toegang-geweigerd"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; script-src 'self';"
                                + " style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self' "
                                + origin(web.oidc().issuer()) + "; frame-ancestors 'none'; base-uri 'none';"
                                + " object-src 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * Logging out ends the session at the provider too (OIDC RP-initiated logout), which then sends
     * the person to {@code /afgemeld}; a provider without a logout endpoint: straight there.
     */
    private static LogoutSuccessHandler providerLogout(ClientRegistrationRepository registrations) {
        OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}/afgemeld");
        handler.setDefaultTargetUrl("/afgemeld");
        return handler;
    }

    /** The identity provider's origin (the login form posts there after a redirect). */
    private static String origin(String issuer) {
        URI uri = URI.create(issuer);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /** Authorization requests with PKCE (S256), for a confidential client too. */
    private static OAuth2AuthorizationRequestResolver pkce(ClientRegistrationRepository registrations) {
        DefaultOAuth2AuthorizationRequestResolver resolver =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                return safely(() -> resolver.resolve(request));
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                return safely(() -> resolver.resolve(request, registrationId));
            }
        };
    }

    /**
     * While the provider cannot be reached there is no registration: the request then goes on to
     * the page that says so, instead of an error.
     */
    private static OAuth2AuthorizationRequest safely(Supplier<OAuth2AuthorizationRequest> resolve) {
        try {
            return resolve.get();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
