package nl.wams.adapters;

/** What a desk made of a routed signal; adapters never throw for these. */
public sealed interface ReferralResult {

    /** The desk took the signal on; {@code deskReference} is its own id, if it gave one. */
    record Accepted(String deskReference) implements ReferralResult {}

    /**
     * The desk's gateway holds the signal until a professional there takes it on or declines it;
     * ask {@link ReferralAdapter#status} later.
     */
    record Held(String deskReference) implements ReferralResult {}

    /** The desk declined the signal, with its stated reason (plain text, bounded), if any. */
    record Refused(String reason) implements ReferralResult {}

    /** Timeout, connection failure or 5xx: the signal stays routable. */
    record Unreachable(String reason) implements ReferralResult {}

    /** The desk answered something the gateway cannot trust. */
    record InvalidAnswer(String reason) implements ReferralResult {}

    /** The longest reason a desk may give; longer text is cut. */
    int MAX_REASON = 500;

    /** A desk's reason as the gateway keeps it: plain, without control characters, at most {@link #MAX_REASON}. */
    static String reason(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String plain = text.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        return plain.length() > MAX_REASON ? plain.substring(0, MAX_REASON) : plain;
    }
}
