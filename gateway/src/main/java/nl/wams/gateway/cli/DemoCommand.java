package nl.wams.gateway.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import nl.wams.demoidp.DemoIdentityProvider;
import nl.wams.gateway.GatewayApplication;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.InvalidConfigException;
import nl.wams.gateway.config.LoadedConfig;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole federation in one process on loopback: the municipality's gateway, the
 * mental health institution's and the housing corporation's gateways (provider role), and the
 * stand-in backend systems with fictional data. Demo keys and data only.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start the demo federation (fictional data, demo keys).")
final class DemoCommand implements Callable<Integer> {

    /** The gateways of the demo, providers first so the municipality's peers are up when it starts. */
    static final List<String> GATEWAYS = List.of("ggz-noordkust", "woonstichting-de-haven", "gemeente");

    @Option(
            names = "--config-dir",
            defaultValue = "config/demo",
            description = "Demo configurations. Default: ${DEFAULT-VALUE}")
    Path configDir;

    @Option(names = "--reset", description = "Delete the demo data (audit logs, reviews) before starting.")
    boolean reset;

    @Override
    public Integer call() throws Exception {
        DemoFederation demo;
        try {
            demo = DemoFederation.start(configDir, reset);
        } catch (InvalidConfigException e) {
            e.problems().forEach(System.err::println);
            return WamsGatewayCli.INVALID_CONFIG;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close));
        demo.printGuide();
        return RunCommand.KEEP_RUNNING;
    }

    /** A running demo federation. */
    static final class DemoFederation implements AutoCloseable {
        final List<LoadedConfig> configs;
        final Path dataDir;
        private final StandInBackends backends;
        private final List<ConfigurableApplicationContext> gateways;
        private final List<DemoIdentityProvider> providers;
        private final List<DemoTimestampAuthority> timestamping;
        private final Optional<DemoCrlServer> crl;

        private DemoFederation(
                List<LoadedConfig> configs,
                Path dataDir,
                StandInBackends backends,
                List<ConfigurableApplicationContext> gateways,
                List<DemoIdentityProvider> providers,
                List<DemoTimestampAuthority> timestamping,
                Optional<DemoCrlServer> crl) {
            this.configs = configs;
            this.dataDir = dataDir;
            this.backends = backends;
            this.gateways = gateways;
            this.providers = providers;
            this.timestamping = timestamping;
            this.crl = crl;
        }

        /**
         * The demo CA's CRL, served at the URL the demo certificates name ({@code root-ca.crl} next
         * to the trust store), when they name one.
         */
        private static Optional<DemoCrlServer> crl(List<LoadedConfig> configs) throws IOException {
            for (LoadedConfig config : configs) {
                var federation = config.gateway().federation();
                if (federation == null) {
                    continue;
                }
                Path trustStore = config.resolve(federation.trustStore().path());
                Path file = trustStore.resolveSibling("root-ca.crl");
                Path certificate = trustStore.resolveSibling(
                        config.resolve(federation.tls().path())
                                .getFileName()
                                .toString()
                                .replace(".p12", ".crt.pem"));
                if (!Files.exists(file) || !Files.exists(certificate)) {
                    return Optional.empty();
                }
                try {
                    Optional<URI> url = DemoCrlServer.distributionPoint(CertsCommand.Generate.certificate(certificate))
                            .filter(u -> "127.0.0.1".equals(u.getHost()) && "http".equals(u.getScheme()));
                    if (url.isEmpty()) {
                        return Optional.empty();
                    }
                    System.out.printf("  demo CA's revocation list             %s%n", url.get());
                    return Optional.of(DemoCrlServer.start(url.get(), file));
                } catch (java.security.GeneralSecurityException e) {
                    throw new IOException("cannot read the demo certificate", e);
                }
            }
            return Optional.empty();
        }

        /**
         * One demo TSA per loopback port the configurations name in {@code audit.timestamping},
         * with the key next to the configured certificate ({@code <name>.key.pem}).
         */
        private static List<DemoTimestampAuthority> timestamping(List<LoadedConfig> configs) throws IOException {
            Map<Integer, DemoTimestampAuthority> started = new java.util.LinkedHashMap<>();
            for (LoadedConfig config : configs) {
                var tsa = config.gateway().audit().timestamping();
                if (tsa == null) {
                    continue;
                }
                URI url = URI.create(tsa.url());
                if (!"127.0.0.1".equals(url.getHost()) || started.containsKey(url.getPort())) {
                    continue;
                }
                Path certificate = config.resolve(tsa.certificate());
                String prefix = certificate.getFileName().toString().replace(".crt.pem", "");
                try {
                    started.put(
                            url.getPort(),
                            DemoTimestampAuthority.start(
                                    url.getPort(), DemoTimestampAuthority.read(certificate.getParent(), prefix)));
                } catch (java.security.GeneralSecurityException e) {
                    throw new IOException("cannot start the demo TSA", e);
                }
                System.out.printf("  demo time-stamping authority          %s%n", url);
            }
            return List.copyOf(started.values());
        }

        static DemoFederation start(Path configDir, boolean reset) throws IOException {
            List<LoadedConfig> configs = new ArrayList<>();
            for (String name : GATEWAYS) {
                configs.add(new ConfigLoader().load(configDir.resolve(name + ".yml")));
            }
            Path dataDir = configs.get(0)
                    .resolve(configs.get(0).gateway().audit().dataDir())
                    .getParent();
            if (reset) {
                for (LoadedConfig config : configs) {
                    delete(config.resolve(config.gateway().audit().dataDir()));
                }
            }
            Files.createDirectories(dataDir);
            System.out.println(
                    "Starting the wams-gateway demo federation (fictional data, demo keys: never for production)");
            StandInBackends backends =
                    StandInBackends.start(StandInBackends.backends(configs), configDir.resolve("backends"));
            List<DemoTimestampAuthority> timestamping = timestamping(configs);
            Optional<DemoCrlServer> crl = crl(configs);
            List<ConfigurableApplicationContext> gateways = new ArrayList<>();
            List<DemoIdentityProvider> providers = new ArrayList<>();
            try {
                for (LoadedConfig config : configs) {
                    gateways.add(GatewayApplication.start(config, Map.of("spring.main.banner-mode", "off")));
                }
                // The gateways discover their provider when someone first logs in, so these may come last.
                for (int i = 0; i < configs.size(); i++) {
                    identityProvider(GATEWAYS.get(i), configs.get(i), gateways.get(i))
                            .ifPresent(providers::add);
                }
                writeTokens(configDir, dataDir);
            } catch (RuntimeException | IOException e) {
                providers.forEach(DemoIdentityProvider::close);
                gateways.forEach(ConfigurableApplicationContext::close);
                timestamping.forEach(DemoTimestampAuthority::close);
                crl.ifPresent(DemoCrlServer::close);
                backends.close();
                throw e;
            }
            return new DemoFederation(configs, dataDir, backends, gateways, providers, timestamping, crl);
        }

        /** The organisation's demo OIDC provider, when its configuration has a web interface. */
        private static Optional<DemoIdentityProvider> identityProvider(
                String name, LoadedConfig config, ConfigurableApplicationContext gateway) {
            var web = config.gateway().web();
            if (web == null) {
                return Optional.empty();
            }
            return Optional.of(DemoIdentityProvider.start(new DemoIdentityProvider.Settings(
                    URI.create(web.oidc().issuer()),
                    web.oidc().clientId(),
                    web.oidc().secret(),
                    apiUrl(config, gateway) + "/login/oauth2/code/wams",
                    apiUrl(config, gateway) + "/afgemeld",
                    DemoPeople.BY_GATEWAY.getOrDefault(name, List.of()))));
        }

        /** The running gateway of a demo organisation (by its configuration's name). */
        ConfigurableApplicationContext gateway(String name) {
            return gateways.get(GATEWAYS.indexOf(name));
        }

        /** The API URL of a running gateway, with the port it actually listens on. */
        private static String apiUrl(LoadedConfig config, ConfigurableApplicationContext context) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            return (config.gateway().api().tls() != null ? "https" : "http") + "://"
                    + config.gateway().api().host() + ":" + port;
        }

        void printGuide() {
            System.out.println();
            String requester = null;
            for (int i = 0; i < configs.size(); i++) {
                LoadedConfig config = configs.get(i);
                var gateway = config.gateway();
                String api = apiUrl(config, gateways.get(i));
                if (!gateway.provides() && requester == null) {
                    requester = api;
                }
                System.out.printf(
                        "  %-24s API  %s/api/v1%s%s%n",
                        gateway.identity().name(),
                        api,
                        gateway.listens()
                                ? "   peer https://"
                                        + gateway.federation()
                                                .listenerOrDefault()
                                                .host() + ":"
                                        + gateways.get(i)
                                                .getBean(nl.wams.gateway.api.PeerListener.class)
                                                .port()
                                        + "/peer/v1"
                                : "",
                        gateway.provides() ? "" : "   (requester)");
            }
            System.out.println();
            System.out.println("  Web interface (log in with the organisation's demo identity provider):");
            for (int i = 0; i < configs.size(); i++) {
                if (configs.get(i).gateway().web() == null) {
                    continue;
                }
                System.out.printf(
                        "  %-24s %s/%n",
                        configs.get(i).gateway().identity().name(), apiUrl(configs.get(i), gateways.get(i)));
                for (DemoIdentityProvider.Person person :
                        DemoPeople.BY_GATEWAY.getOrDefault(GATEWAYS.get(i), List.of())) {
                    System.out.printf(
                            "      %-12s password %-18s %s%n", person.username(), person.password(), person.name());
                }
            }
            System.out.printf("%n  data (kept between runs; --reset starts afresh): %s%n", dataDir);
            System.out.printf(
                    "  tokens (8 hours): %s, %s, %s, %s%n%n",
                    dataDir.resolve("coordinator.token"),
                    dataDir.resolve("ggz-reviewer.token"),
                    dataDir.resolve("auditor.token"),
                    dataDir.resolve("meldpunt.token"));
            System.out.println("Next, in another terminal:");
            System.out.println("  java -jar gateway/target/wams-gateway.jar request --gateway " + requester + " \\");
            System.out.println("      --token demo-data/coordinator.token config/demo/requests/verkenning.json");
            System.out.println("Ctrl-C stops everything.");
        }

        private static void writeTokens(Path configDir, Path dataDir) throws IOException {
            try {
                var key = JWK.parse(Files.readString(configDir
                                .resolve("../../certs-example/demo-issuer.private.jwk.json")
                                .normalize()))
                        .toECKey();
                String issuer = "https://idp.voorbeeldstad.example";
                Duration ttl = Duration.ofHours(8);
                Files.writeString(
                        dataDir.resolve("coordinator.token"),
                        TokenCommand.mint(
                                key, issuer, "wams-gateway", "demo-coordinator", List.of("coordinator"), ttl));
                Files.writeString(
                        dataDir.resolve("ggz-reviewer.token"),
                        TokenCommand.mint(key, issuer, "wams-gateway", "behandelaar-ggz", List.of("reviewer"), ttl));
                Files.writeString(
                        dataDir.resolve("auditor.token"),
                        TokenCommand.mint(key, issuer, "wams-gateway", "demo-fg", List.of("auditor"), ttl));
                Files.writeString(
                        dataDir.resolve("meldpunt.token"),
                        TokenCommand.mint(key, issuer, "wams-gateway", "demo-meldpunt", List.of("meldpunt"), ttl));
            } catch (ParseException | JOSEException e) {
                throw new IOException("cannot make demo tokens", e);
            }
        }

        private static void delete(Path dir) throws IOException {
            if (!Files.exists(dir)) {
                return;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }

        @Override
        public void close() {
            providers.forEach(DemoIdentityProvider::close);
            for (int i = gateways.size() - 1; i >= 0; i--) {
                gateways.get(i).close();
            }
            timestamping.forEach(DemoTimestampAuthority::close);
            crl.ifPresent(DemoCrlServer::close);
            backends.close();
        }
    }
}
