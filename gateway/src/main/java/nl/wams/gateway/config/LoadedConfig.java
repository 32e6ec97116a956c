package nl.wams.gateway.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A validated configuration with its catalogue, the folder relative paths are resolved from, and
 * the exact texts that were checked (what its {@link #version()} is computed from).
 */
public record LoadedConfig(Path file, GatewayConfig gateway, Catalogue catalogue, String text, String catalogueText) {

    /** Resolves a path from the configuration relative to the configuration file's folder. */
    public Path resolve(String path) {
        Path parent = file.toAbsolutePath().getParent();
        return parent.resolve(path).normalize();
    }

    /**
     * The configuration's version: the SHA-256 (hex) of the configuration file's text, a newline and
     * the catalogue's text. The same files always give the same version, on every node; anyone can
     * recompute it from the stored texts (docs/operations.md).
     */
    public String version() {
        return version(text, catalogueText);
    }

    /** The version of a configuration text and its catalogue's text. */
    public static String version(String text, String catalogueText) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(text.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(catalogueText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
