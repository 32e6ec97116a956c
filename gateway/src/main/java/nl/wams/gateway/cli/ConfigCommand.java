package nl.wams.gateway.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.InvalidConfigException;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.register.ConfigDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code config validate FILE} and {@code config diff OLD NEW}: configurations, without starting anything. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Work with configuration files.",
        subcommands = {ConfigCommand.Validate.class, ConfigCommand.Diff.class})
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

    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description = "What a change of configuration does to the rules, in words (purposes, categories,"
                    + " fields per profile, whom a provider serves), for a change review. Both files are"
                    + " validated first (exit 1 with every problem when one is invalid).")
    static final class Diff implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "OLD", description = "The configuration in force (YAML).")
        Path before;

        @Parameters(index = "1", paramLabel = "NEW", description = "The proposed configuration (YAML).")
        Path after;

        @Override
        public Integer call() {
            LoadedConfig old;
            LoadedConfig proposed;
            try {
                old = new ConfigLoader().load(before);
                proposed = new ConfigLoader().load(after);
            } catch (InvalidConfigException e) {
                e.problems().forEach(System.err::println);
                return WamsGatewayCli.INVALID_CONFIG;
            }
            List<String> changes = ConfigDiff.between(old, proposed);
            System.out.printf(
                    "%s (version %s)%n-> %s (version %s)%n",
                    before,
                    old.version().substring(0, 12),
                    after,
                    proposed.version().substring(0, 12));
            if (changes.isEmpty()) {
                System.out.println("The rules are the same.");
                return 0;
            }
            changes.forEach(c -> System.out.println("- " + c));
            System.out.printf("%d change(s)%n", changes.size());
            return 0;
        }
    }
}
