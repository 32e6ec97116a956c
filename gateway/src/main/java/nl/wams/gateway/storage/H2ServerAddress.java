package nl.wams.gateway.storage;

/**
 * H2's auto-server (what lets the audit commands read the embedded file while the gateway runs)
 * listens on loopback only. H2 reads the property once, when the first database of the JVM opens,
 * so every entry point sets it before anything else. This class holds nothing else: setting it
 * must not cost a command that never opens a database anything (the {@code request} command's
 * start once paid for logging's set-up here).
 */
public final class H2ServerAddress {

    static final String PROPERTY = "h2.bindAddress";

    private H2ServerAddress() {}

    /** Binds H2's TCP server to loopback, unless the operator chose an address. */
    public static void loopbackOnly() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "127.0.0.1");
        }
    }
}
