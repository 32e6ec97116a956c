package nl.wams.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import nl.wams.adapters.soap.SoapPartyAdapter;
import nl.wams.gateway.config.Catalogue.Sensitivity;
import nl.wams.gateway.config.GatewayConfig.Party;
import nl.wams.gateway.config.GatewayConfig.Purpose;

/**
 * The cross-reference rules a JSON Schema cannot express: references to categories and purposes
 * must exist, ids must be unique, adapters must say where every offered category comes from, and
 * files named in the configuration must be readable.
 */
final class ConfigRules {

    private final LoadedConfig config;
    private final LocatedYaml yaml;
    private final LocatedYaml catalogueYaml;

    ConfigRules(LoadedConfig config, LocatedYaml yaml, LocatedYaml catalogueYaml) {
        this.config = config;
        this.yaml = yaml;
        this.catalogueYaml = catalogueYaml;
    }

    void check(List<ConfigProblem> problems) {
        Consumer<ConfigProblem> report = problems::add;
        uniqueCategoryNames(report);
        uniquePurposeIds(report);
        uniquePartyIds(report);
        purposeCategoriesExist(report);
        partyCategoriesAndMappings(report);
        explorationStaysMinimal(report);
        new MinimisationRules(config, yaml).check(report);
        new KeyMaterialRules(config, yaml).check(report);
        providerConsistent(report);
        pollingBounded(report);
        webLogin(report);
        coordination(report);
        meldpunt(report);
    }

    /**
     * The reporting point: desks have unique ids that are no party's, an address, and no term or
     * limit is zero.
     */
    private void meldpunt(Consumer<ConfigProblem> report) {
        GatewayConfig.Meldpunt meldpunt = config.gateway().meldpunt();
        if (meldpunt == null) {
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < meldpunt.desks().size(); i++) {
            GatewayConfig.Desk desk = meldpunt.desks().get(i);
            String base = "/meldpunt/desks/" + i;
            Integer earlier = seen.putIfAbsent(desk.id(), i);
            if (earlier != null) {
                report.accept(yaml.problem(
                        base + "/id", "duplicate desk id '" + desk.id() + "' (also desks[" + earlier + "])"));
            }
            if (config.gateway().party(desk.id()).isPresent()) {
                report.accept(yaml.problem(
                        base + "/id",
                        "desk id '" + desk.id() + "' is also a party's id (the audit log names both by id)"));
            }
            if (desk.adapter().url() == null) {
                report.accept(
                        yaml.problem(base + "/adapter", "missing required key 'url' (where the desk is reached)"));
            }
        }
        if (meldpunt.notRoutedTerm().isZero()
                || meldpunt.routedTerm().isZero()
                || meldpunt.housekeeping().isZero()
                || meldpunt.firstContact().isZero()
                || meldpunt.rateLimit().per().isZero()) {
            report.accept(yaml.problem("/meldpunt", "a term of 0 would delete signals before anyone can act on them"));
        }
    }

    /**
     * The coordinated approach: a requester's contribution address is https, the letter template
     * exists, and no term is zero.
     */
    private void coordination(Consumer<ConfigProblem> report) {
        GatewayConfig gateway = config.gateway();
        if (gateway.provider() != null) {
            List<GatewayConfig.Served> serves = gateway.provider().serves();
            for (int i = 0; i < serves.size(); i++) {
                String url = serves.get(i).url();
                if (url != null && !url.toLowerCase(Locale.ROOT).startsWith("https://")) {
                    report.accept(yaml.problem(
                            "/provider/serves/" + i + "/url",
                            "a requester's gateway is reached over https:// only (contributions carry BSNs)"));
                }
            }
        }
        GatewayConfig.Coordination coordination = gateway.coordination();
        if (coordination.letterTemplate() != null
                && !Files.isRegularFile(
                        config.file().toAbsolutePath().getParent().resolve(coordination.letterTemplate()))) {
            report.accept(yaml.problem(
                    "/coordination/letter-template", "template not found: " + coordination.letterTemplate()));
        }
        if (coordination.receivedTerm().isZero() || coordination.caseRetention().isZero()) {
            report.accept(yaml.problem("/coordination", "a term of 0 would delete data before anyone can act on it"));
        }
    }

    /**
     * The web interface's login: the provider over HTTPS (plain HTTP only on loopback, as for the
     * API), the client secret's variable set, and the interface itself served over HTTPS unless the
     * API is explicitly plain HTTP on loopback.
     */
    private void webLogin(Consumer<ConfigProblem> report) {
        GatewayConfig.Web web = config.gateway().web();
        if (web == null) {
            return;
        }
        URI issuer;
        try {
            issuer = new URI(web.oidc().issuer());
        } catch (URISyntaxException e) {
            report.accept(yaml.problem("/web/oidc/issuer", "not a URL"));
            return;
        }
        boolean loopback = issuer.getHost() != null
                && (issuer.getHost().equals("127.0.0.1")
                        || issuer.getHost().equals("localhost")
                        || issuer.getHost().equals("[::1]"));
        if (!"https".equals(issuer.getScheme()) && !("http".equals(issuer.getScheme()) && loopback)) {
            report.accept(yaml.problem(
                    "/web/oidc/issuer", "the identity provider must be https:// (plain http only on a loopback host)"));
        }
        String variable = web.oidc().clientSecretEnv();
        if (variable != null && System.getenv(variable) == null) {
            report.accept(yaml.problem(
                    "/web/oidc/client-secret-env",
                    "environment variable " + variable + " (the client secret) is not set"));
        }
        if (web.idleTimeout().compareTo(Duration.ofHours(8)) > 0
                || web.idleTimeout().isNegative()
                || web.idleTimeout().isZero()) {
            report.accept(yaml.problem("/web/idle-timeout", "between 1 second and 8 hours"));
        }
    }

    /** A held answer is given up before its stored result could expire, so it always gets a closing record. */
    private void pollingBounded(Consumer<ConfigProblem> report) {
        GatewayConfig.ReviewPolling polling = config.gateway().reviewPolling();
        if (polling.maxWait().compareTo(GatewayConfig.ReviewPolling.LONGEST_WAIT) > 0) {
            report.accept(yaml.problem(
                    "/review-polling/max-wait",
                    "a held answer can be waited for at most " + GatewayConfig.ReviewPolling.LONGEST_WAIT.toDays()
                            + " days (results are kept no longer)"));
        }
        if (polling.maxFailures() < 1) {
            report.accept(yaml.problem("/review-polling/max-failures", "must be at least 1"));
        }
    }

    private void providerConsistent(Consumer<ConfigProblem> report) {
        GatewayConfig gateway = config.gateway();
        GatewayConfig.Provider provider = gateway.provider();
        if (provider == null) {
            if (gateway.provides()) {
                report.accept(yaml.problem("/identity/roles", "role provider needs a 'provider' section"));
            }
            return;
        }
        provider.releasePolicy().forEach((category, policy) -> {
            String pointer = "/provider/release-policy/" + category;
            if (config.catalogue().category(category).isEmpty()) {
                report.accept(yaml.problem(pointer, "unknown category '" + category + "' (not in the catalogue)"));
            } else if (policy != GatewayConfig.Release.NOOIT
                    && provider.backend().type().mappedInConfiguration()
                    && !provider.backend().mappings().containsKey(category)) {
                report.accept(yaml.problem(
                        "/provider/backend/mappings",
                        "missing backend mapping for category '" + category + "' (release policy " + policy + ")"));
            }
        });
        for (int i = 0; i < provider.serves().size(); i++) {
            List<String> purposes = provider.serves().get(i).purposes();
            for (int j = 0; j < purposes.size(); j++) {
                if (gateway.purpose(purposes.get(j)).isEmpty()) {
                    report.accept(yaml.problem(
                            "/provider/serves/" + i + "/purposes/" + j, "unknown purpose '" + purposes.get(j) + "'"));
                }
            }
        }
    }

    private void uniqueCategoryNames(Consumer<ConfigProblem> report) {
        Map<String, Integer> seen = new HashMap<>();
        List<Catalogue.Category> categories = config.catalogue().categories();
        for (int i = 0; i < categories.size(); i++) {
            Integer first = seen.putIfAbsent(categories.get(i).name(), i);
            if (first != null) {
                report.accept(catalogueYaml.problem(
                        "/categories/" + i + "/name",
                        "duplicate category '" + categories.get(i).name() + "' (also categories[" + first + "])"));
            }
        }
    }

    private void uniquePurposeIds(Consumer<ConfigProblem> report) {
        Map<String, Integer> seen = new HashMap<>();
        List<Purpose> purposes = config.gateway().purposes();
        for (int i = 0; i < purposes.size(); i++) {
            Integer first = seen.putIfAbsent(purposes.get(i).id(), i);
            if (first != null) {
                report.accept(yaml.problem(
                        "/purposes/" + i + "/id",
                        "duplicate purpose id '" + purposes.get(i).id() + "' (also purposes[" + first + "])"));
            }
        }
    }

    private void uniquePartyIds(Consumer<ConfigProblem> report) {
        Map<String, Integer> seen = new HashMap<>();
        List<Party> parties = config.gateway().parties();
        for (int i = 0; i < parties.size(); i++) {
            Integer first = seen.putIfAbsent(parties.get(i).id(), i);
            if (first != null) {
                report.accept(yaml.problem(
                        "/parties/" + i + "/id",
                        "duplicate party id '" + parties.get(i).id() + "' (also parties[" + first + "])"));
            }
        }
    }

    private void purposeCategoriesExist(Consumer<ConfigProblem> report) {
        List<Purpose> purposes = config.gateway().purposes();
        for (int i = 0; i < purposes.size(); i++) {
            Purpose purpose = purposes.get(i);
            for (int j = 0; j < purpose.categories().size(); j++) {
                String name = purpose.categories().get(j);
                String pointer = "/purposes/" + i + "/categories/" + j;
                var category = config.catalogue().category(name);
                if (category.isEmpty()) {
                    report.accept(yaml.problem(pointer, "unknown category '" + name + "' (not in the catalogue)"));
                } else if (category.get().sensitivity() == Sensitivity.SPECIAL && !purpose.specialCategoriesAllowed()) {
                    report.accept(yaml.problem(
                            pointer,
                            "category '" + name + "' is special (art. 9) but special-categories-allowed is false"));
                } else if (category.get().sensitivity() == Sensitivity.CRIMINAL
                        && !purpose.criminalCategoriesAllowed()) {
                    report.accept(yaml.problem(
                            pointer,
                            "category '" + name + "' is criminal (art. 10) but criminal-categories-allowed is false"));
                }
            }
        }
    }

    private void partyCategoriesAndMappings(Consumer<ConfigProblem> report) {
        List<Party> parties = config.gateway().parties();
        for (int i = 0; i < parties.size(); i++) {
            Party party = parties.get(i);
            String base = "/parties/" + i;
            // peer answers come in canonical fields already; the SOAP mapping is code, per WSDL.
            boolean mappedInCode = !party.adapter().type().mappedInConfiguration();
            if (party.adapter().type() == AdapterType.SOAP) {
                for (int j = 0; j < party.categories().size(); j++) {
                    if (!SoapPartyAdapter.CATEGORIES.contains(party.categories().get(j))) {
                        report.accept(yaml.problem(
                                base + "/categories/" + j,
                                "the SOAP service cannot answer category '"
                                        + party.categories().get(j) + "' (it answers "
                                        + new TreeSet<>(SoapPartyAdapter.CATEGORIES)
                                        + ")"));
                    }
                }
            }
            for (int j = 0; j < party.categories().size(); j++) {
                String name = party.categories().get(j);
                if (config.catalogue().category(name).isEmpty()) {
                    report.accept(yaml.problem(
                            base + "/categories/" + j, "unknown category '" + name + "' (not in the catalogue)"));
                } else if (!mappedInCode && !party.adapter().mappings().containsKey(name)) {
                    report.accept(yaml.problem(
                            base + "/adapter/mappings", "missing adapter mapping for offered category '" + name + "'"));
                }
            }
            Set<String> offered = Set.copyOf(party.categories());
            party.adapter().mappings().forEach((category, fields) -> {
                String pointer = base + "/adapter/mappings/" + category;
                if (!offered.contains(category)) {
                    report.accept(yaml.problem(
                            pointer, "mapping for category '" + category + "' which the party does not offer"));
                    return;
                }
                config.catalogue()
                        .category(category)
                        .ifPresent(c -> fields.keySet().stream()
                                .filter(field -> !c.fields().containsKey(field))
                                .forEach(field -> report.accept(yaml.problem(
                                        pointer + "/" + field,
                                        "unknown field '" + field + "' (category '" + category
                                                + "' does not define it)"))));
            });
            var trustStore = party.adapter().trustStore();
            if (trustStore != null && !Files.isReadable(config.resolve(trustStore.path()))) {
                report.accept(yaml.problem(
                        base + "/adapter/trust-store/path",
                        "trust store not readable: " + config.resolve(trustStore.path())));
            }
        }
    }

    private void explorationStaysMinimal(Consumer<ConfigProblem> report) {
        List<String> exploration = config.gateway().collectionRules().explorationCategories();
        for (int i = 0; i < exploration.size(); i++) {
            if (config.catalogue().category(exploration.get(i)).isEmpty()) {
                report.accept(yaml.problem(
                        "/collection-rules/exploration-categories/" + i,
                        "unknown category '" + exploration.get(i) + "' (not in the catalogue)"));
            }
        }
        List<Purpose> purposes = config.gateway().purposes();
        for (int i = 0; i < purposes.size(); i++) {
            Purpose purpose = purposes.get(i);
            if (!"verkenning".equals(purpose.phase())) {
                continue;
            }
            for (int j = 0; j < purpose.categories().size(); j++) {
                if (!exploration.contains(purpose.categories().get(j))) {
                    report.accept(yaml.problem(
                            "/purposes/" + i + "/categories/" + j,
                            "phase verkenning may only ask the exploration categories " + exploration));
                }
            }
        }
    }
}
