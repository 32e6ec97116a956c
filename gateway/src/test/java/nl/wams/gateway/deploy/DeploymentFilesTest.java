package nl.wams.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import nl.wams.gateway.config.ConfigLoader;
import nl.wams.gateway.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment files keep their promises (no container linter installs here, so the build checks
 * them itself): a multi-stage image that runs as a non-root user with a health check; two replicas
 * with a read-only root file system, probes on the management port, keys from Secrets; the
 * management port reachable only inside the cluster; and an example configuration that is valid
 * but for the secrets it names.
 */
class DeploymentFilesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> documents(String file) throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        try (YAMLParser parser =
                new YAMLFactory().createParser(KUBERNETES.resolve(file).toFile())) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                documents.add(iterator.next());
            }
        }
        return documents;
    }

    static JsonNode kind(String file, String kind) throws Exception {
        return documents(file).stream()
                .filter(d -> d.path("kind").asText().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theImageIsBuiltInStagesAndRunsAsANonRootUserWithAHealthCheck() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();

        assertThat(lines.stream().filter(l -> l.startsWith("FROM "))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("FROM .* AS build"));
        List<String> runtime = lines.subList(lastIndexOf(lines, "FROM "), lines.size());
        assertThat(runtime).anySatisfy(l -> assertThat(l).matches("USER [1-9][0-9]*(:[1-9][0-9]*)?"));
        assertThat(runtime).noneSatisfy(l -> assertThat(l).matches("USER (root|0)(:.*)?"));
        assertThat(runtime).anySatisfy(l -> assertThat(l).startsWith("HEALTHCHECK "));
        assertThat(runtime).anySatisfy(l -> assertThat(l).contains("COPY --from=build"));
        assertThat(String.join("\n", lines))
                .doesNotContainPattern(Pattern.compile("(?i)password\\s*=|\\.p12|\\.key\\b"));
        assertThat(String.join("\n", runtime)).contains("/actuator/health/readiness");
    }

    @Test
    void theImageStartsTheExtractedJarWithAnAotCacheTrainedBeforeTheUserChanges() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
        List<String> runtime = lines.subList(lastIndexOf(lines, "FROM "), lines.size());
        String build = String.join("\n", lines.subList(0, lastIndexOf(lines, "FROM ")));
        String run = String.join("\n", runtime);

        assertThat(build)
                .contains("-Djarmode=tools -jar gateway/target/wams-gateway.jar extract --destination /opt/wams");
        assertThat(run).contains("COPY --from=build /opt/wams /opt/wams");
        // Trained by the runtime's own JVM, ended by Spring once the context is up, before USER.
        int training = indexOf(runtime, "-XX:AOTCacheOutput=/opt/wams/wams-gateway.aot");
        assertThat(training).isNotNegative().isLessThan(indexOf(runtime, "USER "));
        assertThat(runtime.get(training)).contains("-Dspring.context.exit=onRefresh");
        assertThat(run).contains("rm -rf /tmp/training");
        // The demo configuration it trains with exists in the repository.
        assertThat(ROOT.resolve("config/demo/gemeente.yml")).exists();
        assertThat(runtime.stream().filter(l -> l.startsWith("ENTRYPOINT ")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains("\"-XX:AOTCache=/opt/wams/wams-gateway.aot\"")
                        .contains("\"/opt/wams/wams-gateway.jar\""));
    }

    static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    static int lastIndexOf(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void twoReplicasRunReadOnlyAsNonRootWithProbesOnTheManagementPortAndKeysFromSecrets() throws Exception {
        JsonNode set = kind("statefulset.yaml", "StatefulSet");
        JsonNode pod = set.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");

        assertThat(set.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                .isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
                .isFalse();
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText())
                    .as(probe)
                    .isEqualTo("management");
        }
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
        assertThat(container.at("/envFrom/0/secretRef/name").asText()).isEqualTo("wams-secrets");
        assertThat(pod.path("volumes"))
                .anySatisfy(v -> assertThat(v.at("/secret/secretName").asText()).isEqualTo("wams-keys"));
        assertThat(container.path("env").toString()).doesNotContainIgnoringCase("password\",\"value");
        // Long enough for requests in flight (20 s) and the audit writer's flush.
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void theManagementPortStaysInsideTheCluster() throws Exception {
        for (JsonNode service : documents("services.yaml")) {
            List<Integer> ports = new ArrayList<>();
            service.at("/spec/ports").forEach(p -> ports.add(p.path("port").asInt()));
            String type = service.at("/spec/type").asText("ClusterIP");
            if (ports.contains(9090)) {
                assertThat(type).as(service.at("/metadata/name").asText()).isEqualTo("ClusterIP");
                assertThat(ports).containsOnly(9090);
            }
        }
        JsonNode policy = kind("networkpolicy.yaml", "NetworkPolicy");
        assertThat(policy.at("/spec/ingress"))
                .filteredOn(rule -> rule.path("ports").toString().contains("9090"))
                .allSatisfy(rule -> assertThat(rule.path("from").isEmpty()).isFalse());
    }

    @Test
    void theExampleConfigurationIsValidButForTheSecretsItNames(@TempDir Path dir) throws Exception {
        Files.copy(KUBERNETES.resolve("gateway.yml"), dir.resolve("gateway.yml"));
        Files.copy(ROOT.resolve("config/catalogue.yml"), dir.resolve("catalogue.yml"));
        try {
            new ConfigLoader().load(dir.resolve("gateway.yml"));
        } catch (InvalidConfigException e) {
            assertThat(e.problems())
                    .allSatisfy(p ->
                            assertThat(p.message()).containsAnyOf("environment variable WAMS_", "/etc/wams/keys/"));
        }
    }

    @Test
    void theDashboardShowsOnlyMetricsTheOperationsGuideDocuments() throws Exception {
        JsonNode dashboard = new ObjectMapper()
                .readTree(ROOT.resolve("deploy/grafana/wams-gateway-dashboard.json")
                        .toFile());
        String guide = Files.readString(ROOT.resolve("docs/operations.md"));
        Pattern metric = Pattern.compile("wams_[a-z_]+?(?=_bucket|_count|_sum|\\b)");
        List<String> used = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(panel -> panel.path("targets").forEach(target -> {
                    var m = metric.matcher(target.path("expr").asText());
                    while (m.find()) {
                        used.add(m.group());
                    }
                }));

        assertThat(used).hasSizeGreaterThanOrEqualTo(8);
        assertThat(used).allSatisfy(name -> assertThat(guide).contains("`" + name + "`"));
    }
}
