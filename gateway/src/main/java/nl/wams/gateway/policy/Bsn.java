package nl.wams.gateway.policy;

/** The citizen service number and its 11-test (docs/domain.md, "Identifiers"). */
public final class Bsn {

    private Bsn() {}

    /** True for 9 digits where 9·d1 + 8·d2 + ... + 2·d8 − d9 is divisible by 11 (and not all zero). */
    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.length() != 9) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int weight = i == 8 ? -1 : 9 - i;
            sum += weight * (c - '0');
        }
        return sum % 11 == 0 && !candidate.equals("000000000");
    }
}
