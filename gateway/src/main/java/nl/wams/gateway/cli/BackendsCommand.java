package nl.wams.gateway.cli;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.GatewayConfig.Party;
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
        List<WireMockServer> servers = new ArrayList<>();
        for (Party party : loaded.gateway().parties()) {
            URI url = URI.create(party.adapter().url());
            Path stubs = dir.resolve(party.id());
            if (!"127.0.0.1".equals(url.getHost()) && !"localhost".equals(url.getHost())) {
                continue;
            }
            if (!Files.isDirectory(stubs)) {
                System.err.printf("skipping %s: no stand-in data in %s%n", party.id(), stubs);
                continue;
            }
            WireMockServer server = new WireMockServer(
                    options().bindAddress("127.0.0.1").port(url.getPort()).usingFilesUnderDirectory(stubs.toString()));
            server.start();
            servers.add(server);
            System.out.printf("stand-in backend for %-28s on %s%n", party.id(), url);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> servers.forEach(WireMockServer::stop)));
        System.out.println("Fictional data only. Ctrl-C stops the backends.");
        return RunCommand.KEEP_RUNNING;
    }
}
