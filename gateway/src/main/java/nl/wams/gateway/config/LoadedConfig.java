package nl.wams.gateway.config;

import java.nio.file.Path;

/**
 * A validated configuration with its catalogue, and the folder relative paths are resolved from.
 */
public record LoadedConfig(Path file, GatewayConfig gateway, Catalogue catalogue) {

    /** Resolves a path from the configuration relative to the configuration file's folder. */
    public Path resolve(String path) {
        Path parent = file.toAbsolutePath().getParent();
        return parent.resolve(path).normalize();
    }
}
