package nl.wams.adapters.peer;

/** A peer message that must not be trusted, with a stable code saying why. */
public final class PeerProtocolException extends Exception {

    /** Why a message was rejected. */
    public enum Reason {
        TOO_LARGE,
        MALFORMED,
        ALGORITHM_NOT_ALLOWED,
        NO_CERTIFICATE_CHAIN,
        UNTRUSTED_CERTIFICATE,
        BAD_SIGNATURE,
        ISSUER_MISMATCH,
        WRONG_AUDIENCE,
        EXPIRED,
        NOT_YET_VALID,
        LIFETIME_TOO_LONG,
        MISSING_CLAIM,
        WRONG_BINDING,
        /** A certificate of the chain is revoked (CRL or OCSP). */
        REVOKED,
        /** Whether a certificate is revoked could not be learned (no CRL or OCSP answer), and the policy refuses then. */
        REVOCATION_UNKNOWN
    }

    private final Reason reason;

    public PeerProtocolException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
