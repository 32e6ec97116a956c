package nl.wams.gateway.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import nl.wams.gateway.GatewayApplication;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.InvalidConfigException;
import nl.wams.gateway.config.LoadedConfig;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run --config FILE}: validates the configuration and starts the gateway. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start the gateway with a configuration file.")
final class RunCommand implements Callable<Integer> {

    /** Returned when the gateway is up; main then leaves the JVM to the server threads. */
    static final int KEEP_RUNNING = -1;

    @Option(names = "--config", required = true, description = "The gateway configuration (YAML).")
    Path config;

    @Override
    public Integer call() {
        LoadedConfig loaded;
        try {
            loaded = new ConfigLoader().load(config);
        } catch (InvalidConfigException e) {
            System.err.println("Configuration refused; the gateway did not start:");
            e.problems().forEach(System.err::println);
            return WamsGatewayCli.INVALID_CONFIG;
        }
        ConfigurableApplicationContext context = GatewayApplication.start(loaded, Map.of());
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        System.out.printf(
                "%s (OIN %s) listening on %s://%s:%d/api/v1 (openapi: /api/v1/openapi.json)%n",
                loaded.gateway().identity().name(),
                loaded.gateway().identity().oin(),
                loaded.gateway().api().tls() == null ? "http" : "https",
                loaded.gateway().api().host(),
                port);
        if (loaded.gateway().listens()) {
            var listener = loaded.gateway().federation().listenerOrDefault();
            System.out.printf(
                    "peer listener (mutual TLS) on https://%s:%d/peer/v1%n",
                    listener.host(),
                    context.getBean(nl.wams.gateway.api.PeerListener.class).port());
        }
        return KEEP_RUNNING;
    }
}
