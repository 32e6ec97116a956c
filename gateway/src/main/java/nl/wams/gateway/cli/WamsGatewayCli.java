package nl.wams.gateway.cli;

import nl.wams.gateway.audit.DatabaseUnavailableException;
import nl.wams.gateway.storage.H2ServerAddress;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single entry point of {@code wams-gateway.jar}. */
@Command(
        name = "wams-gateway",
        mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class,
        description = "Purpose-bound data-exchange gateway for the Dutch social domain (Wams).",
        subcommands = {
            RunCommand.class,
            ConfigCommand.class,
            ExplainCommand.class,
            AuditCommand.class,
            CertsCommand.class,
            TokenCommand.class,
            BackendsCommand.class,
            DemoCommand.class,
            RequestCommand.class,
            HealthCommand.class
        })
public final class WamsGatewayCli {

    public static void main(String[] args) {
        H2ServerAddress.loopbackOnly(); // before any H2 database opens in this JVM
        int code = commandLine().execute(args);
        if (code != RunCommand.KEEP_RUNNING) {
            System.exit(code);
        }
    }

    /** Exit code for a configuration that was refused. */
    static final int INVALID_CONFIG = 1;

    /** Exit code when the gateway's own setup (database, keys, secrets) is not usable. */
    static final int SETUP_FAILED = 3;

    /**
     * The command line with one handler for setup problems an operator must fix (a database that
     * does not open, a key file or secret variable that is missing): one line on stderr, no stack.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new WamsGatewayCli());
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof DatabaseUnavailableException || e instanceof IllegalStateException) {
                command.getErr().println("wams-gateway: " + e.getMessage());
                return SETUP_FAILED;
            }
            throw e;
        });
        return cli;
    }
}
