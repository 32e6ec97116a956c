package nl.wams.gateway.api;

import java.util.Optional;
import org.apache.catalina.connector.Connector;

/** The provider's mutual-TLS listener, if this gateway plays the provider role. */
public final class PeerListener {

    private final Connector connector;

    PeerListener(Connector connector) {
        this.connector = connector;
    }

    Optional<Connector> connector() {
        return Optional.ofNullable(connector);
    }

    /** The port it listens on once started, or -1 when there is none. */
    public int port() {
        return connector == null ? -1 : connector.getLocalPort();
    }
}
