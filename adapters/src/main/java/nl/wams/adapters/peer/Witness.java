package nl.wams.adapters.peer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sender's latest signed audit checkpoint (node, sequence number, hash), carried in the signed
 * envelope of every peer message (claim {@code controlepunt}) so that the receiver records it in
 * its own log: a log later rewritten at the sender contradicts what its peers witnessed.
 */
public record Witness(String node, long seq, String hash) {

    static final String CLAIM = "controlepunt";
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    /** Where a gateway's latest checkpoint comes from (empty before its first checkpoint). */
    @FunctionalInterface
    public interface Source {
        Optional<Witness> latest();

        Source NONE = Optional::empty;
    }

    /** Where a receiver records what a sender witnessed. */
    @FunctionalInterface
    public interface Sink {
        void witnessed(String senderOin, Witness witness);

        Sink NONE = (oin, witness) -> {};
    }

    Map<String, Object> toClaim() {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("node", node);
        claim.put("seq", seq);
        claim.put("hash", hash);
        return claim;
    }

    /** Reads the claim strictly; a claim of another shape makes the message malformed. */
    static Optional<Witness> fromClaim(Object claim) throws PeerProtocolException {
        if (claim == null) {
            return Optional.empty();
        }
        if (claim instanceof Map<?, ?> map
                && map.get("node") instanceof String node
                && NODE.matcher(node).matches()
                && map.get("seq") instanceof Number seq
                && seq.longValue() > 0
                && map.get("hash") instanceof String hash
                && HASH.matcher(hash).matches()) {
            return Optional.of(new Witness(node, seq.longValue(), hash));
        }
        throw new PeerProtocolException(PeerProtocolException.Reason.MALFORMED, "controlepunt is not a checkpoint");
    }
}
