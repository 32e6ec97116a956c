package nl.wams.gateway.cli;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.wams.gateway.config.AdapterType;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.LoadedConfig;

/**
 * Stand-in backend systems for demos (WireMock, fictional data): one per loopback backend a
 * configuration names, on the port of its URL, answering from {@code <dir>/<name>/mappings/}. The
 * name is the party id for a requester's own REST parties, the desk id for a reporting point's REST
 * desks, and the configuration's file name for a provider's backend.
 */
final class StandInBackends implements AutoCloseable {

    private final List<WireMockServer> servers = new ArrayList<>();

    /** name -> URL of every loopback backend in these configurations. */
    static Map<String, URI> backends(List<LoadedConfig> configs) {
        Map<String, URI> backends = new LinkedHashMap<>();
        for (LoadedConfig config : configs) {
            GatewayConfig gateway = config.gateway();
            if (gateway.provider() != null) {
                String name = config.file().getFileName().toString().replaceFirst("\\.ya?ml$", "");
                backends.put(name, URI.create(gateway.provider().backend().url()));
            }
            for (GatewayConfig.Party party : gateway.parties()) {
                if (party.adapter().type() != AdapterType.PEER) {
                    backends.put(party.id(), URI.create(party.adapter().url()));
                }
            }
            if (gateway.meldpunt() != null) {
                for (GatewayConfig.Desk desk : gateway.meldpunt().desks()) {
                    if (desk.adapter().type() != AdapterType.PEER) {
                        backends.put(desk.id(), URI.create(desk.adapter().url()));
                    }
                }
            }
        }
        backends.values().removeIf(url -> !"127.0.0.1".equals(url.getHost()) && !"localhost".equals(url.getHost()));
        return backends;
    }

    static StandInBackends start(Map<String, URI> backends, Path dir) {
        StandInBackends started = new StandInBackends();
        backends.forEach((name, url) -> {
            Path stubs = dir.resolve(name);
            if (!Files.isDirectory(stubs)) {
                System.err.printf("no stand-in data for %s in %s%n", name, stubs);
                return;
            }
            WireMockServer server = new WireMockServer(
                    options().bindAddress("127.0.0.1").port(url.getPort()).usingFilesUnderDirectory(stubs.toString()));
            server.start();
            started.servers.add(server);
            System.out.printf("  stand-in system %-30s %s%n", name, url);
        });
        return started;
    }

    @Override
    public void close() {
        servers.forEach(WireMockServer::stop);
    }
}
