package nl.wams.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall's character rule, written without a regular expression, lets exactly the same
 * characters through as Spring Security's own expressions: checked for every Unicode code point,
 * lone surrogates included, and for strings that start as printable ASCII and then leave it.
 */
class HeaderCharactersTest {

    /** Spring Security's rule for header and parameter names: assigned, not a control character. */
    static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    /** Its rule for header values: the same, and the horizontal tab. */
    static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsTheFirewallsExpressionsJudgeIt() {
        List<String> differ = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String alone = Character.toString(cp);
            String afterAscii = "Bearer a." + alone + "z";
            for (String s : List.of(alone, afterAscii)) {
                if (HeaderCharacters.name(s) != NAME.matcher(s).matches()
                        || HeaderCharacters.value(s) != VALUE.matcher(s).matches()) {
                    differ.add(Integer.toHexString(cp));
                }
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void aTabIsAllowedInAValueNotInANameAndControlsNowhere() {
        assertThat(HeaderCharacters.value("a\tb")).isTrue();
        assertThat(HeaderCharacters.name("a\tb")).isFalse();
        assertThat(HeaderCharacters.value("abc\u0085")).isFalse(); // next line: a C1 control
        assertThat(HeaderCharacters.value("abc\u0378")).isFalse(); // unassigned
        assertThat(HeaderCharacters.value("caf\u00e9 \ud83d\ude00")).isTrue(); // é, and a surrogate pair
        assertThat(HeaderCharacters.value("")).isTrue();
    }

    @Test
    void theGatewaysFirewallRejectsWhatTheDefaultFirewallRejects() {
        HttpFirewall ours = new ApiSecurityConfiguration().httpFirewall();
        HttpFirewall theirs = new StrictHttpFirewall();
        for (String value :
                List.of("Bearer abc.def", "a\tb", "caf\u00e9", "x\u0085y", "x\u0001y", "x\u0378y", "x\u007fy")) {
            boolean rejectedByTheirs = rejects(theirs, value);
            if (rejectedByTheirs) {
                assertThatThrownBy(() -> readHeader(ours, value))
                        .as(value)
                        .isInstanceOf(RequestRejectedException.class);
            } else {
                assertThatCode(() -> readHeader(ours, value)).as(value).doesNotThrowAnyException();
            }
        }
        assertThat(rejects(ours, "x\u0085y")).isTrue();
        assertThat(rejects(ours, "caf\u00e9")).isFalse();
    }

    private static boolean rejects(HttpFirewall firewall, String value) {
        try {
            readHeader(firewall, value);
            return false;
        } catch (RequestRejectedException e) {
            return true;
        }
    }

    private static String readHeader(HttpFirewall firewall, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/gegevensverzoeken");
        request.addHeader("Authorization", value);
        return firewall.getFirewalledRequest(request).getHeader("Authorization");
    }
}
