package nl.wams.gateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temp folder usable from static initialisers (before JUnit's @TempDir is injected). */
public final class TestPkiDir {

    private TestPkiDir() {}

    public static Path create() {
        try {
            Path dir = Files.createTempDirectory("wams-test-pki");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
