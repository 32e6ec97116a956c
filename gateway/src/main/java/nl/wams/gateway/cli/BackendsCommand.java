package nl.wams.gateway.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.LoadedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backends}: starts stand-in backend systems (WireMock, fictional data) for every party of a
 * demo configuration whose backend is on loopback, on the port its URL names. The answers come
 * from {@code <dir>/<party-id>/mappings/*.json}.
 */
@Command(
        name = "backends",
        mixinStandardHelpOptions = true,
        description = "Start stand-in party backends with fictional data (demo only).")
final class BackendsCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "The demo gateway configuration.")
    Path config;

    @Option(
            names = "--dir",
            defaultValue = "config/demo/backends",
            description = "Folder with one stub folder per party id. Default: ${DEFAULT-VALUE}")
    Path dir;

    @Override
    public Integer call() {
        LoadedConfig loaded = new ConfigLoader().load(config);
        StandInBackends backends = StandInBackends.start(StandInBackends.backends(List.of(loaded)), dir);
        Runtime.getRuntime().addShutdownHook(new Thread(backends::close));
        System.out.println("Fictional data only. Ctrl-C stops the backends.");
        return RunCommand.KEEP_RUNNING;
    }
}
