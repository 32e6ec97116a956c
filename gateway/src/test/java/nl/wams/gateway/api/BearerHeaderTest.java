package nl.wams.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The API's bearer token resolver gives what Spring Security's default resolver gives, token or
 * error, for every header: hand-picked edge cases and 200,000 random ones built from the characters
 * that decide it (token characters, '=', spaces, other case, letters outside ASCII).
 */
class BearerHeaderTest {

    final BearerTokenResolver ours = new BearerHeader();
    final BearerTokenResolver standard = new DefaultBearerTokenResolver();

    static final List<String> CASES = List.of(
            "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjdy0xIn0.c2lnbmF0dXJl",
            "bearer abc",
            "BEARER abc==",
            "Bearer abc=def",
            "Bearer =",
            "Bearer ",
            "Bearer",
            "Bearer  abc",
            "Bearer abc ",
            "Bearer abc\t",
            "Bearer a-b.c_d~e+f/g",
            "Bearer abc\u00e9",
            "Bearer \u212aey", // Kelvin sign: not a token character
            "Bea\u0280er abc",
            "Basic dXNlcjpwYXNz",
            "Bearerabc",
            "");

    @Test
    void everyHandPickedHeaderGivesTheDefaultResolversAnswer() {
        for (String header : CASES) {
            assertThat(answer(ours, header)).as(header).isEqualTo(answer(standard, header));
        }
        assertThat(answer(ours, null)).isEqualTo(answer(standard, null)).isEqualTo("token null");
        assertThat(answer(ours, "bearer abc")).isEqualTo("token abc");
        assertThat(answer(ours, "Bearer abc ")).isEqualTo("error invalid_token Bearer token is malformed");
    }

    @Test
    void randomHeadersGiveTheDefaultResolversAnswer() {
        String alphabet = "aZ09-._~+/= \tBbEeAaRr\u00e9\u212a\u017f";
        String[] starts = {"Bearer ", "bearer ", "BEARER ", "Bearer", "Bear ", "", "bEaReR  "};
        Random random = new Random(20261130);
        List<String> differ = new ArrayList<>();
        for (int n = 0; n < 200_000; n++) {
            StringBuilder header = new StringBuilder(starts[random.nextInt(starts.length)]);
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String h = header.toString();
            if (!answer(ours, h).equals(answer(standard, h))) {
                differ.add(h);
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void aTokenInTheQueryStringIsNotAcceptedAsTheDefaultResolverDoesNot() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/gegevensverzoeken");
        request.setParameter("access_token", "abc");
        assertThat(ours.resolve(request)).isNull();
    }

    private static String answer(BearerTokenResolver resolver, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/gegevensverzoeken");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        try {
            return "token " + resolver.resolve(request);
        } catch (OAuth2AuthenticationException e) {
            return "error " + e.getError().getErrorCode() + " " + e.getError().getDescription();
        }
    }
}
