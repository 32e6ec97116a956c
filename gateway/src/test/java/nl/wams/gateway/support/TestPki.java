package nl.wams.gateway.support;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test key material made with the JDK's own keytool, so tests need no committed keys. Grows into
 * the shared test PKI (CA, organisations, expired, wrong OIN) with the federation work.
 */
public final class TestPki {

    public static final String PASSWORD = "changeit";

    private final Path dir;

    public TestPki(Path dir) {
        this.dir = dir;
    }

    /** A server key pair for 127.0.0.1/localhost ({@code <name>.p12}) and a trust store with its certificate ({@code <name>-trust.p12}). */
    public Path server(String name) {
        Path keystore = dir.resolve(name + ".p12");
        if (Files.exists(keystore)) {
            return keystore;
        }
        Path cert = dir.resolve(name + ".cer");
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost, O=" + name,
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                name,
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                cert.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                name,
                "-file",
                cert.toString(),
                "-keystore",
                trustStore(name).toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        return keystore;
    }

    public Path trustStore(String name) {
        return dir.resolve(name + "-trust.p12");
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + args[0]);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
