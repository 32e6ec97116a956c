package nl.wams.gateway.config;

import java.util.List;
import javax.net.ssl.SSLContext;
import nl.wams.adapters.FieldMapping;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerSigner;

/**
 * What an {@link AdapterType} needs from the running gateway to build its adapter:
 * the adapter's own TLS material, the federation's keys, and field mappings with catalogue types.
 */
public interface AdapterParts {

    /** The federation's key material, as a peer adapter uses it. */
    record FederationKeys(SSLContext sslContext, PeerMessages messages, PeerSigner signer) {}

    /** Trust from the adapter's trust store and, for two-way TLS, its client key; null: JVM defaults. */
    SSLContext sslContext(GatewayConfig.Adapter adapter);

    /** The federation's keys (loaded when first asked: only peers need them). */
    FederationKeys federation();

    /** The party's configured mappings, each with its catalogue type. */
    List<FieldMapping> mappings(GatewayConfig.Party party);

    /** Every canonical field of these categories, with its catalogue type (for peer answers). */
    List<FieldMapping> catalogueFields(List<String> categories);
}
