package nl.wams.gateway.support;

/** The fictional household every test talks about. BSNs pass the 11-test; nobody real. */
public final class Household {

    public static final String CLIENT = "999990019";
    public static final String FAMILY_MEMBER = "999990032";
    /** Passes the 11-test, but no backend knows this person. */
    public static final String STRANGER = "999990044";
    /** Fails the 11-test. */
    public static final String INVALID = "999990010";

    private Household() {}
}
