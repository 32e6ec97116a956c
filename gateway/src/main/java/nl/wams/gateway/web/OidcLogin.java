package nl.wams.gateway.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import nl.wams.gateway.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The organisation's OpenID Connect provider as this gateway's login: its registration (discovered
 * from the issuer when first needed, so the gateway starts while the provider is down) and the
 * mapping of the ID token's role claim to the gateway's roles.
 */
final class OidcLogin implements ClientRegistrationRepository {

    static final String REGISTRATION_ID = "wams";

    private static final Logger LOG = LoggerFactory.getLogger(OidcLogin.class);

    private final GatewayConfig.Oidc oidc;
    private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

    /** @param oidc the provider, or null when the gateway has no web interface */
    OidcLogin(GatewayConfig.Oidc oidc) {
        this.oidc = oidc;
    }

    /**
     * The registration, discovered once; null while the provider cannot be reached (the login page
     * then says so, and the next attempt asks again).
     */
    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (oidc == null || !REGISTRATION_ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration known = registration.get();
        if (known != null) {
            return known;
        }
        try {
            ClientRegistration discovered = ClientRegistrations.fromIssuerLocation(oidc.issuer())
                    .registrationId(REGISTRATION_ID)
                    .clientId(oidc.clientId())
                    .clientSecret(oidc.secret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope("openid", "profile")
                    .userNameAttributeName("sub")
                    .build();
            registration.compareAndSet(null, discovered);
            return registration.get();
        } catch (RuntimeException e) {
            LOG.warn(
                    "OIDC provider {} not reachable: {}",
                    oidc.issuer(),
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /** The person's gateway roles from the configured claim; values the configuration does not map give none. */
    Collection<GrantedAuthority> roles(Map<String, Object> claims) {
        Object claim = claims.get(oidc.rolesClaim());
        List<String> values = new ArrayList<>();
        if (claim instanceof String text) {
            values.addAll(List.of(text.trim().split("\\s+")));
        } else if (claim instanceof Collection<?> list) {
            list.forEach(v -> values.add(String.valueOf(v)));
        }
        return values.stream()
                .map(oidc.roles()::get)
                .filter(r -> r != null)
                .distinct()
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.roleName()))
                .toList();
    }

    /** Loads the OIDC user as Spring does, with the gateway's roles as its only authorities. */
    OidcUserService userService() {
        OidcUserService delegate = new OidcUserService();
        return new OidcUserService() {
            @Override
            public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
                OidcUser user = delegate.loadUser(request);
                return new DefaultOidcUser(roles(user.getClaims()), user.getIdToken(), user.getUserInfo(), "sub");
            }
        };
    }
}
