package nl.wams.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lints the published OpenAPI document with the NL API Design Rules Spectral ruleset from
 * {@code ../shared/standards/}: zero errors allowed. Needs Node's npx (present on the build
 * machines; the Spectral CLI comes from the npm registry at the pinned version).
 */
class OpenApiLintIT {

    static final Path RULESET = Path.of("../../shared/standards/adr-ruleset.spectral.yaml")
            .toAbsolutePath()
            .normalize();

    @Test
    void openapiHasNoAdrErrors() throws Exception {
        assumeTrue(Files.isReadable(RULESET), "ruleset not found at " + RULESET);
        assumeTrue(onPath("npx"), "npx not on PATH");
        Path document = Path.of("target/openapi.json");
        try (InputStream in = OpenApiLintIT.class.getResourceAsStream("/openapi.yaml")) {
            new ObjectMapper().writeValue(document.toFile(), new ObjectMapper(new YAMLFactory()).readTree(in));
        }

        Process spectral = new ProcessBuilder(List.of(
                        "npx",
                        "-y",
                        "@stoplight/spectral-cli@6.16.3",
                        "lint",
                        "--fail-severity",
                        "error",
                        "-r",
                        RULESET.toString(),
                        document.toString()))
                .redirectErrorStream(true)
                .start();
        byte[] output = spectral.getInputStream().readAllBytes();
        assertThat(spectral.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(spectral.exitValue())
                .as(new String(output, StandardCharsets.UTF_8))
                .isZero();
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null
                && List.of(path.split(File.pathSeparator)).stream()
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
