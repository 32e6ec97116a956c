package nl.wams.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single entry point of {@code wams-gateway.jar}. */
@Command(
        name = "wams-gateway",
        mixinStandardHelpOptions = true,
        version = "wams-gateway 0.1.0",
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
            RequestCommand.class
        })
public final class WamsGatewayCli {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new WamsGatewayCli());
        int code = cli.execute(args);
        if (code != RunCommand.KEEP_RUNNING) {
            System.exit(code);
        }
    }

    /** Exit code for a configuration that was refused. */
    static final int INVALID_CONFIG = 1;
}
