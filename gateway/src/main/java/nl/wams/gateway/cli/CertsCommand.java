package nl.wams.gateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import nl.wams.gateway.federation.DemoPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code certs generate --out DIR}: a demo PKI for the demo organisations. Demo only. */
@Command(
        name = "certs",
        mixinStandardHelpOptions = true,
        description = "Demo certificates (never for production).",
        subcommands = {CertsCommand.Generate.class})
final class CertsCommand {

    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description =
                    "Create a demo root CA and, per demo organisation, a TLS and a signing certificate (PKCS#12 and PEM).")
    static final class Generate implements Callable<Integer> {

        @Option(names = "--out", required = true, description = "Folder to write into (created if missing).")
        Path out;

        @Option(
                names = "--valid-days",
                defaultValue = "730",
                description = "Validity of organisation certificates; default ${DEFAULT-VALUE}.")
        int validDays;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(out);
            DemoPki pki = DemoPki.create("wams-gateway Demo Root CA", Duration.ofDays(3650));
            pki.writeTrust(out);
            Instant now = Instant.now();
            Instant notAfter = now.plus(Duration.ofDays(validDays));
            for (DemoPki.Organisation org : DemoPki.DEMO) {
                DemoPki.write(out, org.id() + "-tls", pki.tls(org, now.minus(Duration.ofMinutes(5)), notAfter));
                DemoPki.write(out, org.id() + "-signing", pki.signing(org, now.minus(Duration.ofMinutes(5)), notAfter));
                System.out.printf(
                        "%-24s OIN %s  %s-tls.p12  %s-signing.p12%n", org.id(), org.oin(), org.id(), org.id());
            }
            System.out.printf(
                    "root CA: root-ca.crt.pem, trust store: trust.p12 (password %s). DEMO ONLY.%n", DemoPki.PASSWORD);
            return 0;
        }
    }
}
