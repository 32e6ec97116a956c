package nl.wams.gateway.api;

/**
 * Which characters Spring Security's firewall lets through in a header's name and value: every
 * assigned Unicode character that is not a control character (Cc), and in a value also the
 * horizontal tab. The same rule as the firewall's own, which checks it with a regular expression
 * on every header the application reads: on the API that was about 8 % of a request thread's time,
 * most of it on the bearer token (hundreds of characters, read more than once per request). Here
 * a header of printable ASCII, as nearly every header is, is settled by one pass over its
 * characters; anything else is checked code point by code point. {@code HeaderCharactersTest}
 * holds both rules to the firewall's expressions for every code point.
 */
final class HeaderCharacters {

    private HeaderCharacters() {}

    /** A header (or parameter) name: assigned, no control character. */
    static boolean name(String name) {
        return allowed(name, false);
    }

    /** A header value: assigned, no control character but the horizontal tab. */
    static boolean value(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String s, boolean tab) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return allowedFrom(s, i, tab);
            }
        }
        return true;
    }

    private static boolean allowedFrom(String s, int from, boolean tab) {
        for (int i = from; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && cp == '\t'))) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
