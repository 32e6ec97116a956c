package nl.wams.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for subjects: HMAC-SHA256 over the BSN under the configured key, the first 160
 * bits as 40 hex characters (fits VNG's 40-character object ids). The same BSN always gives the
 * same pseudonym, so an access request can find a person's records; without the key nobody can.
 */
public final class Pseudonyms {

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public Pseudonyms(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the pseudonym key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String of(String bsn) {
        byte[] digest = macs.get().doFinal(("bsn:" + bsn).getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(digest, 0, 20);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
