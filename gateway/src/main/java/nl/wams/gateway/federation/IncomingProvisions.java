package nl.wams.gateway.federation;

import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.Optional;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerProtocolException;
import nl.wams.adapters.peer.PeerProvision;
import nl.wams.adapters.peer.PeerRequest;
import nl.wams.adapters.peer.PeerTrust;

/**
 * Whether a signed message of the coordinated approach (a provision, an invitation, a meeting
 * contribution) can be trusted and read, exactly as a peer request is: the mutual-TLS client
 * certificate names an OIN; the message verifies against the federation's trust anchors and that
 * same OIN, is addressed to this gateway and within its lifetime; it is used once; its content
 * keeps the protocol's limits. The caller logs a refusal with {@link Checked.Refused#ground()}.
 */
public record IncomingProvisions(PeerMessages messages, String ownOin, ReplayStore replay) {

    /** Why a message was refused. */
    public enum Refusal {
        NO_CLIENT_CERTIFICATE,
        NO_OIN,
        UNTRUSTED,
        REPLAYED,
        INVALID,
        /** Trusted, but from an organisation this gateway does not exchange with for the coordinated approach. */
        NOT_SERVED
    }

    /** How a message was taken: the receiver's id, or why it was refused (what the HTTP answer says). */
    public sealed interface Taken {
        record Accepted(String id) implements Taken {}

        /** {@code reason}: the protocol's reason with {@link Refusal#UNTRUSTED}; {@code field}: with {@link Refusal#INVALID}. */
        record Refused(Refusal refusal, PeerProtocolException.Reason reason, String field) implements Taken {}
    }

    /** The outcome of the check. */
    public sealed interface Checked {
        /** Trusted and read; {@code senderOin} signed it and holds the TLS certificate. */
        record Ok(String senderOin, PeerProvision provision) implements Checked {}

        /**
         * Refused. {@code ground} is what the log records (a protocol reason, never content);
         * {@code field} names an unreadable field; {@code senderOin} is the TLS peer, when known.
         */
        record Refused(
                Refusal refusal, String ground, String field, String senderOin, PeerProtocolException.Reason reason)
                implements Checked {
            /** What the HTTP answer says of it. */
            public Taken.Refused taken() {
                return new Taken.Refused(refusal, reason, field);
            }
        }
    }

    /** Checks one message; fails closed: a replay store that cannot be written throws, and nothing is kept. */
    public Checked check(String jws, X509Certificate[] clientChain) throws SQLException {
        if (clientChain == null || clientChain.length == 0) {
            return new Checked.Refused(Refusal.NO_CLIENT_CERTIFICATE, "NO_CLIENT_CERTIFICATE", null, null, null);
        }
        Optional<String> tlsOin = PeerTrust.oin(clientChain[0]);
        if (tlsOin.isEmpty()) {
            return new Checked.Refused(Refusal.NO_OIN, "NO_OIN", null, null, null);
        }
        PeerMessages.VerifiedMessage message;
        try {
            messages.checkTlsChain(clientChain);
            message = messages.verifyProvision(jws, tlsOin.get(), ownOin);
        } catch (PeerProtocolException e) {
            return new Checked.Refused(Refusal.UNTRUSTED, e.reason().name(), null, tlsOin.get(), e.reason());
        }
        if (!replay.firstUse(message.jti(), message.senderOin(), message.expires())) {
            return new Checked.Refused(Refusal.REPLAYED, "REPLAY", null, tlsOin.get(), null);
        }
        try {
            return new Checked.Ok(message.senderOin(), PeerProvision.read(message.content()));
        } catch (PeerRequest.InvalidField e) {
            return new Checked.Refused(Refusal.INVALID, "ONGELDIG_BERICHT", e.field(), tlsOin.get(), null);
        }
    }
}
