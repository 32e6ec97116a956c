package nl.wams.gateway.config;

import java.nio.file.Path;

/** One thing wrong with a configuration, located as {@code file:line: path: message}. */
public record ConfigProblem(Path file, int line, String path, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + (path.isEmpty() ? "(root)" : path) + ": " + message;
    }
}
