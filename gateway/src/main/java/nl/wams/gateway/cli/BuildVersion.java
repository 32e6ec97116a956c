package nl.wams.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code --version}: the version and the commit this jar was built from, read from the files the
 * build writes into it ({@code META-INF/build-info.properties}, {@code git.properties}) and also
 * shown by {@code /actuator/info}.
 */
final class BuildVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties build = read("/META-INF/build-info.properties");
        Properties git = read("/git.properties");
        String version = build.getProperty("build.version", "unknown");
        String commit = git.getProperty("git.commit.id", "unknown (built outside a Git clone)");
        String dirty = "true".equals(git.getProperty("git.dirty")) ? " (with uncommitted changes)" : "";
        return new String[] {
            "wams-gateway " + version,
            "commit " + commit + dirty,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    private static Properties read(String resource) {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // No build information: the version says "unknown".
        }
        return properties;
    }
}
