package nl.wams.gateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.InvalidConfigException;
import nl.wams.gateway.config.LoadedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code config validate FILE}: checks a configuration without starting anything. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Work with configuration files.",
        subcommands = {ConfigCommand.Validate.class})
final class ConfigCommand {

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = "Check a configuration file; every problem is listed as file:line: path: message.")
    static final class Validate implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "The gateway configuration (YAML).")
        Path file;

        @Override
        public Integer call() {
            try {
                LoadedConfig loaded = new ConfigLoader().load(file);
                System.out.printf(
                        "OK: %s (%s, %d purposes, %d parties, %d catalogue categories)%n",
                        file,
                        loaded.gateway().identity().name(),
                        loaded.gateway().purposes().size(),
                        loaded.gateway().parties().size(),
                        loaded.catalogue().categories().size());
                return 0;
            } catch (InvalidConfigException e) {
                e.problems().forEach(System.err::println);
                System.err.printf("%d problem(s) in %s%n", e.problems().size(), file);
                return WamsGatewayCli.INVALID_CONFIG;
            }
        }
    }
}
