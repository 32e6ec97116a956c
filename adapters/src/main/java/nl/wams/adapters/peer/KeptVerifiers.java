package nl.wams.adapters.peer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signature verifiers of the signing certificates seen, by the certificate's exact encoding,
 * at most {@link #MAX} of them: a gateway talks to a handful of peers, and a certificate only gets
 * here after its chain was validated against the trust anchors, so the bound is reached only if a
 * trusted authority issues very many signing certificates; then every kept verifier is dropped and
 * made again when next needed. Keeping a verifier keeps only its key: what a message claims is
 * checked in full every time.
 */
final class KeptVerifiers {

    /** Signing certificates whose verifier is kept at most. */
    static final int MAX = 1_000;

    /** Makes the verifier of a certificate the first time it is needed. */
    @FunctionalInterface
    interface Maker {
        JWSVerifier make() throws JOSEException, GeneralSecurityException;
    }

    private final Map<String, JWSVerifier> kept = new ConcurrentHashMap<>();

    /** The verifier kept for {@code encoded}, or the one {@code maker} makes, kept from now on. */
    JWSVerifier of(String encoded, Maker maker) throws JOSEException, GeneralSecurityException {
        JWSVerifier verifier = kept.get(encoded);
        if (verifier != null) {
            return verifier;
        }
        JWSVerifier made = maker.make();
        if (kept.size() >= MAX) {
            kept.clear();
        }
        kept.put(encoded, made);
        return made;
    }

    /** How many verifiers are kept now. */
    int size() {
        return kept.size();
    }
}
