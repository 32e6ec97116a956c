package nl.wams.gateway.api;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import nl.wams.gateway.config.LoadedConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Callers authenticate with a bearer JWT of the configured issuer, verified against the keys in
 * the configured JWKS file. Roles come from the {@code roles} claim. Only {@code openapi.json} is
 * public.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    /** Asymmetric algorithms only: a shared-secret (HS*) token could be forged from a public key. */
    private static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.RS256);

    /**
     * Requests Spring Security's firewall rejects (an unknown HTTP method, a path it finds unsafe, a
     * control character in a header the gateway reads) get problem+json 400 like every other
     * refusal, without echoing the request.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, rejected) -> problems.write(
                request,
                response,
                400,
                "ongeldig-verzoek",
                "Ongeldig verzoek",
                "Dit verzoek is geweigerd (een onbekende HTTP-methode, een onveilig pad of een ongeldig teken"
                        + " in een header).",
                java.util.Map.of());
    }

    /**
     * Spring Security's strict firewall with its own rules, the character rule for header and
     * parameter names and header values checked by {@link HeaderCharacters} instead of a regular
     * expression per header read (the same characters pass; about 8 % of a request thread's time).
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::name);
        firewall.setAllowedHeaderValues(HeaderCharacters::value);
        firewall.setAllowedParameterNames(HeaderCharacters::name);
        return firewall;
    }

    /**
     * Every security chain (API, peer, web, operations) matches its paths as patterns on the request
     * path, as Spring MVC itself does (and as Spring Security 7 does by default), instead of asking
     * Spring MVC's handler mappings which handler would take the request. In a profile of the warm
     * H2 gateway the authorisation check went from 3.5 % to 2.1 % of a request thread's samples.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** No handler lookup per request in front of the security chains: nothing reads it. */
    @Bean
    static WithoutHandlerLookupPerRequest withoutHandlerLookupPerRequest() {
        return new WithoutHandlerLookupPerRequest();
    }

    /**
     * No observation of Spring Security's filters, authentications and authorisations: nobody reads
     * them (the request is measured once, by {@code http.server.requests}), and with observations
     * merely disabled by name every filter of every request is still wrapped in a decorator that
     * creates and drops an observation.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Authentication events go nowhere: nothing in the gateway listens for them (refused callers
     * are counted by {@link ProblemSecurityHandlers}), and publishing one per API call costs a
     * listener lookup on every request.
     */
    @Bean
    AuthenticationEventPublisher authenticationEventPublisher() {
        return new AuthenticationEventPublisher() {
            @Override
            public void publishAuthenticationSuccess(Authentication authentication) {}

            @Override
            public void publishAuthenticationFailure(
                    AuthenticationException exception, Authentication authentication) {}
        };
    }

    /** Verified tokens kept at most (each a few hundred bytes); beyond that, tokens are verified every time. */
    static final int MAX_VERIFIED_TOKENS = 20_000;

    /**
     * Bearer tokens: the signature verified once per token ({@link VerifiedTokens}), issuer,
     * audience, expiry and subject on every request.
     */
    @Bean
    JwtDecoder jwtDecoder(LoadedConfig config, Clock clock) throws IOException, ParseException {
        var auth = config.gateway().authentication();
        JWKSet keys = JWKSet.load(config.resolve(auth.jwksFile()).toFile());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys)));
        // Spring validates the claims below; Nimbus' own claim checks are replaced by them.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder signatures = new NimbusJwtDecoder(processor);
        signatures.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        return new VerifiedTokens(
                signatures,
                new DelegatingOAuth2TokenValidator<>(
                        JwtValidators.createDefaultWithIssuer(auth.issuer()),
                        new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
                        new JwtClaimValidator<Object>(JwtClaimNames.SUB, Objects::nonNull),
                        new JwtClaimValidator<List<String>>(
                                JwtClaimNames.AUD, aud -> aud != null && aud.contains(auth.audience()))),
                MAX_VERIFIED_TOKENS,
                clock);
    }

    /**
     * The roles of a token: its {@code roles} claim as a list of texts or one space-separated text.
     * Any other shape (a nested list, an object, numbers) gives no role at all, so the caller gets
     * 403, never an error of the gateway.
     */
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    static Collection<GrantedAuthority> roles(Jwt jwt) {
        Object claim = jwt.getClaims().get("roles");
        List<String> names = new ArrayList<>();
        if (claim instanceof String text) {
            names.addAll(List.of(text.trim().split("\\s+")));
        } else if (claim instanceof Collection<?> list) {
            for (Object element : list) {
                if (!(element instanceof String name)) {
                    return List.of();
                }
                names.add(name);
            }
        }
        return names.stream()
                .filter(n -> ROLE_NAME.matcher(n).matches())
                .<GrantedAuthority>map(n -> new SimpleGrantedAuthority("ROLE_" + n))
                .toList();
    }

    /**
     * The API's chain takes every request the web interface's chain (first, when configured) does
     * not: the API, the peer protocol, {@code /error}, and every path of a gateway without a web
     * interface (an unknown path is a 401 problem, as it always was).
     */
    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtDecoder decoder, ProblemSecurityHandlers handlers)
            throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(ApiSecurityConfiguration::roles);
        http.csrf(csrf -> csrf.disable()) // stateless bearer-token API: no cookies, no CSRF
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.requestMatchers("/error")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/openapi.json")
                        .permitAll()
                        // Peers authenticate with mutual TLS and signed requests, not bearer tokens;
                        // ListenerSeparationFilter serves /peer only on the mutual-TLS listener.
                        .requestMatchers(HttpMethod.POST, "/peer/v1/verzoeken")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/peer/v1/verzoeken/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/peer/v1/verstrekkingen", "/peer/v1/bijdragen")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/peer/v1/verstrekkingen/*")
                        .permitAll()
                        // The reporting point: citizens report and look up the status without an
                        // account (rate-limited per address); professionals report as melder.
                        .requestMatchers(HttpMethod.POST, "/api/v1/meldpunt/meldingen")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/meldpunt/meldingen/*/status")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/meldpunt/beroepsmeldingen")
                        .hasRole("melder")
                        .requestMatchers(
                                "/api/v1/meldpunt/signalen",
                                "/api/v1/meldpunt/signalen/**",
                                "/api/v1/meldpunt/loketten")
                        .hasRole("meldpunt")
                        .requestMatchers("/api/v1/ontvangen", "/api/v1/ontvangen/**")
                        .hasRole("reviewer")
                        .requestMatchers("/api/v1/zaken", "/api/v1/zaken/**")
                        .hasRole("coordinator")
                        .requestMatchers("/api/v1/beoordelingen", "/api/v1/beoordelingen/**")
                        .hasRole("reviewer")
                        .requestMatchers("/api/v1/gegevensverzoeken", "/api/v1/gegevensverzoeken/**")
                        .hasRole("coordinator")
                        .requestMatchers(
                                "/api/v1/verwerkingen", "/api/v1/verwerkingen/verificatie", "/api/v1/inzageverzoeken")
                        .hasRole("auditor")
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(o -> o.bearerTokenResolver(new BearerHeader())
                        .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .headers(h -> h.contentSecurityPolicy(
                                c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }
}
