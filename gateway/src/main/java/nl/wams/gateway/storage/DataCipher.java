package nl.wams.gateway.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals personal data the gateway has to keep for a while (results waiting to be fetched, held
 * requests, reviews, cases, received data, signals) before it reaches the database: AES-256-GCM
 * with a fresh nonce, bound to its row by associated data, so a copied or swapped value does not
 * decrypt. The audit records themselves hold no personal data and stay readable for verification.
 *
 * <p>Keys rotate (docs/operations.md, "Changing keys"): a sealed value starts with the id of the
 * key that sealed it ({@code <key id>:<base64>}; the id is the first 8 bytes of the key's SHA-256,
 * in hex), new values are sealed with the current key, values sealed with a previous key stay
 * readable while that key is configured, and {@code audit rekey} re-seals them with the current one.
 * Values written before key ids existed carry none; they are opened with whichever configured key
 * authenticates them.
 */
public final class DataCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public DataCipher(byte[] key) {
        this(key, List.of());
    }

    /** Seals with {@code current}; opens what {@code current} or any of {@code previous} sealed. */
    public DataCipher(byte[] current, List<byte[]> previous) {
        this.currentId = add(current);
        previous.forEach(this::add);
    }

    private String add(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the data key needs exactly 32 bytes (AES-256)");
        }
        String id = id(key);
        keys.putIfAbsent(id, new SecretKeySpec(key.clone(), "AES"));
        return id;
    }

    /** A key's id: the first 8 bytes of its SHA-256, in hex (names the key, reveals nothing of it). */
    public static String id(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the key new values are sealed with. */
    public String currentKeyId() {
        return currentId;
    }

    /** {@code <current key id>:} followed by the base64 of nonce and ciphertext; {@code row} is bound as associated data. */
    public String seal(String plain, String row) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(row.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return currentId + ":"
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /**
     * The plain text; IllegalStateException when the value was altered, moved to another row or
     * sealed with a key that is not configured.
     */
    public String open(String sealed, String row) {
        int colon = sealed.indexOf(':');
        if (colon >= 0) {
            SecretKeySpec key = keys.get(sealed.substring(0, colon));
            if (key == null) {
                throw new IllegalStateException("stored value was sealed with a key that is not configured ("
                        + sealed.substring(0, colon) + ")");
            }
            return open(key, sealed.substring(colon + 1), row)
                    .orElseThrow(() -> new IllegalStateException(
                            "stored value cannot be opened (altered, moved, or another key)"));
        }
        for (SecretKeySpec key : keys.values()) { // written before key ids: whichever key authenticates it
            Optional<String> plain = open(key, sealed, row);
            if (plain.isPresent()) {
                return plain.get();
            }
        }
        throw new IllegalStateException("stored value cannot be opened (altered, moved, or another key)");
    }

    /** Whether a stored value is sealed with the current key (else {@code audit rekey} re-seals it). */
    public boolean current(String sealed) {
        return sealed.startsWith(currentId + ":");
    }

    /** The value sealed again with the current key (for {@code audit rekey}); fails like {@link #open}. */
    public String reseal(String sealed, String row) {
        return seal(open(sealed, row), row);
    }

    /** The ids of the configured keys, current first. */
    public List<String> keyIds() {
        return new ArrayList<>(keys.keySet());
    }

    private static Optional<String> open(SecretKeySpec key, String base64, String row) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(row.getBytes(StandardCharsets.UTF_8));
            return Optional.of(
                    new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
