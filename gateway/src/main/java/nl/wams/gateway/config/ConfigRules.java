package nl.wams.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import nl.wams.adapters.FieldType;
import nl.wams.adapters.peer.PeerTrust;
import nl.wams.adapters.soap.SoapPartyAdapter;
import nl.wams.gateway.config.Catalogue.Sensitivity;
import nl.wams.gateway.config.GatewayConfig.Party;
import nl.wams.gateway.config.GatewayConfig.Purpose;
import nl.wams.gateway.minimisation.CategoryProfile;
import nl.wams.gateway.minimisation.FieldPath;
import nl.wams.gateway.minimisation.Transform;
import nl.wams.gateway.minimisation.TransformSpec;

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
        everyAllowedCategoryHasAProfile(report);
        profilesAreValid(report);
        jwksReadable(report);
        auditKeysReadable(report);
        federationReady(report);
        providerConsistent(report);
        apiTransport(report);
        pollingBounded(report);
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

    /** HTTPS unless a configuration explicitly asks for plain HTTP on loopback. */
    private void apiTransport(Consumer<ConfigProblem> report) {
        GatewayConfig.Api api = config.gateway().api();
        if (api.tls() != null) {
            keyStore("/api/tls", api.tls(), true, report);
            return;
        }
        boolean loopback = Set.of("127.0.0.1", "::1", "localhost").contains(api.host());
        if (!api.plainHttp()) {
            report.accept(yaml.problem(
                    "/api",
                    "the API needs api.tls (HTTPS); plain HTTP only with" + " 'plain-http: true' on a loopback host"));
        } else if (!loopback) {
            report.accept(yaml.problem(
                    "/api/host", "plain HTTP is only allowed on a loopback host, not '" + api.host() + "'"));
        }
    }

    private void federationReady(Consumer<ConfigProblem> report) {
        GatewayConfig gateway = config.gateway();
        boolean peers = gateway.usesPeers();
        if (gateway.federation() == null) {
            if (peers || gateway.provides()) {
                report.accept(yaml.problem(
                        "", "missing required key 'federation' (needed for peer parties and the provider role)"));
            }
            return;
        }
        keyStore("/federation/tls", gateway.federation().tls(), true, report);
        keyStore("/federation/signing", gateway.federation().signing(), true, report);
        keyStore("/federation/trust-store", gateway.federation().trustStore(), false, report);
        ownOin("/federation/tls", gateway.federation().tls(), report);
        ownOin("/federation/signing", gateway.federation().signing(), report);
        List<Party> parties = gateway.parties();
        for (int i = 0; i < parties.size(); i++) {
            Party party = parties.get(i);
            if (party.adapter().type() == GatewayConfig.AdapterType.PEER
                    && party.adapter().url() != null
                    && !party.adapter().url().toLowerCase(Locale.ROOT).startsWith("https://")) {
                report.accept(yaml.problem(
                        "/parties/" + i + "/adapter/url",
                        "a peer gateway is reached over https:// only (the signed request carries BSNs)"));
            }
        }
    }

    /**
     * The certificate of a federation key must name this organisation: its OIN (serialNumber of
     * the subject) must be {@code identity.oin}, or peers would refuse every message, or worse,
     * this gateway would speak as another organisation.
     */
    private void ownOin(String pointer, GatewayConfig.KeyStoreRef ref, Consumer<ConfigProblem> report) {
        Path file = config.resolve(ref.path());
        if (ref.passwordEnv() != null && System.getenv(ref.passwordEnv()) == null) {
            return; // keyStore(...) names the variable
        }
        try (var in = Files.newInputStream(file)) {
            var store = KeyStore.getInstance("PKCS12");
            store.load(in, ref.secret());
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate cert) {
                    String oin = PeerTrust.oin(cert).orElse(null);
                    if (!config.gateway().identity().oin().equals(oin)) {
                        report.accept(yaml.problem(
                                pointer + "/path",
                                "certificate '" + alias + "' carries OIN " + (oin == null ? "(none)" : oin)
                                        + ", not identity.oin "
                                        + config.gateway().identity().oin() + ": " + file));
                    }
                    return;
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            // reported by keyStore()
        }
    }

    /** The store must open with its password; key stores need a key whose certificate is valid today. */
    private void keyStore(
            String pointer, GatewayConfig.KeyStoreRef ref, boolean needsKey, Consumer<ConfigProblem> report) {
        Path file = config.resolve(ref.path());
        if (ref.passwordEnv() != null && System.getenv(ref.passwordEnv()) == null) {
            report.accept(yaml.problem(
                    pointer + "/password-env",
                    "environment variable " + ref.passwordEnv() + " is not set (it holds the password of " + file
                            + ")"));
            return;
        }
        try (var in = Files.newInputStream(file)) {
            var store = KeyStore.getInstance("PKCS12");
            store.load(in, ref.secret());
            for (String alias : Collections.list(store.aliases())) {
                if (needsKey && !store.isKeyEntry(alias)) {
                    continue;
                }
                var cert = (X509Certificate) store.getCertificate(alias);
                if (cert != null && cert.getNotAfter().toInstant().isBefore(Instant.now())) {
                    report.accept(yaml.problem(
                            pointer + "/path",
                            "certificate '" + alias + "' expired on "
                                    + cert.getNotAfter().toInstant() + ": " + file));
                }
                if (needsKey) {
                    return;
                }
            }
            if (needsKey) {
                report.accept(yaml.problem(pointer + "/path", "no private key in " + file));
            }
        } catch (IOException | GeneralSecurityException e) {
            report.accept(yaml.problem(pointer + "/path", "cannot open PKCS#12 " + file + " (path or password wrong)"));
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

    /** A key or password named by an environment variable: the variable must be set where the gateway runs. */
    private void environmentSet(String pointer, String variable, String holds, Consumer<ConfigProblem> report) {
        if (variable != null && System.getenv(variable) == null) {
            report.accept(
                    yaml.problem(pointer, "environment variable " + variable + " is not set (it holds " + holds + ")"));
        }
    }

    private void auditKeysReadable(Consumer<ConfigProblem> report) {
        GatewayConfig.Audit audit = config.gateway().audit();
        if (audit.pseudonymKeyFile() != null) {
            Path file = config.resolve(audit.pseudonymKeyFile());
            try {
                byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
                if (key.length < 32) {
                    report.accept(yaml.problem(
                            "/audit/pseudonym-key-file",
                            "pseudonym key has " + key.length + " bytes; at least 32 are needed"));
                }
            } catch (IOException e) {
                report.accept(yaml.problem("/audit/pseudonym-key-file", "pseudonym key not readable: " + file));
            } catch (IllegalArgumentException e) {
                report.accept(yaml.problem("/audit/pseudonym-key-file", "pseudonym key is not base64: " + file));
            }
        }
        if (audit.dataKeyFile() != null) {
            Path file = config.resolve(audit.dataKeyFile());
            try {
                byte[] key = Base64.getDecoder().decode(Files.readString(file).strip());
                if (key.length != 32) {
                    report.accept(yaml.problem(
                            "/audit/data-key-file", "data key has " + key.length + " bytes; AES-256 needs exactly 32"));
                }
            } catch (IOException e) {
                report.accept(yaml.problem("/audit/data-key-file", "data key not readable: " + file));
            } catch (IllegalArgumentException e) {
                report.accept(yaml.problem("/audit/data-key-file", "data key is not base64: " + file));
            }
        }
        environmentSet("/audit/pseudonym-key-env", audit.pseudonymKeyEnv(), "the pseudonym key", report);
        environmentSet("/audit/data-key-env", audit.dataKeyEnv(), "the data key", report);
        if (audit.database() != null) {
            environmentSet(
                    "/audit/database/password-env", audit.database().passwordEnv(), "the database password", report);
        }
        Path signing = config.resolve(audit.signingKeyFile());
        try {
            var key = JWK.parse(Files.readString(signing));
            if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !key.isPrivate()) {
                report.accept(yaml.problem("/audit/signing-key-file", "must be a private EC P-256 JWK: " + signing));
            }
        } catch (IOException e) {
            report.accept(yaml.problem("/audit/signing-key-file", "audit signing key not readable: " + signing));
        } catch (ParseException e) {
            report.accept(yaml.problem("/audit/signing-key-file", "not a JWK: " + signing));
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
            if (party.adapter().type() == GatewayConfig.AdapterType.SOAP) {
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

    private void everyAllowedCategoryHasAProfile(Consumer<ConfigProblem> report) {
        List<Purpose> purposes = config.gateway().purposes();
        for (int i = 0; i < purposes.size(); i++) {
            Purpose purpose = purposes.get(i);
            var profiles = config.gateway().minimisation().getOrDefault(purpose.id(), Map.of());
            for (int j = 0; j < purpose.categories().size(); j++) {
                String category = purpose.categories().get(j);
                if (config.catalogue().category(category).isPresent() && !profiles.containsKey(category)) {
                    report.accept(yaml.problem(
                            "/purposes/" + i + "/categories/" + j,
                            "no minimisation profile for category '" + category + "' (add minimisation." + purpose.id()
                                    + "." + category + "; without one nothing would pass)"));
                }
            }
        }
    }

    private void profilesAreValid(Consumer<ConfigProblem> report) {
        config.gateway().minimisation().forEach((purposeId, categories) -> {
            String purposePointer = "/minimisation/" + purposeId;
            var purpose = config.gateway().purpose(purposeId);
            if (purpose.isEmpty()) {
                report.accept(yaml.problem(purposePointer, "unknown purpose '" + purposeId + "'"));
                return;
            }
            categories.forEach((categoryName, fields) -> {
                String pointer = purposePointer + "/" + categoryName;
                var category = config.catalogue().category(categoryName);
                if (category.isEmpty()) {
                    report.accept(
                            yaml.problem(pointer, "unknown category '" + categoryName + "' (not in the catalogue)"));
                    return;
                }
                if (!purpose.get().categories().contains(categoryName)) {
                    report.accept(yaml.problem(
                            pointer, "purpose '" + purposeId + "' does not allow category '" + categoryName + "'"));
                    return;
                }
                Map<FieldPath, Transform> rules = new LinkedHashMap<>();
                fields.forEach(
                        (path, spec) -> fieldRule(category.get(), path, spec, pointer + "/" + escape(path), report)
                                .ifPresent(t -> rules.put(FieldPath.parse(path), t)));
                try {
                    CategoryProfile.compile(categoryName, rules);
                } catch (IllegalArgumentException e) {
                    report.accept(yaml.problem(pointer, e.getMessage()));
                }
            });
        });
    }

    private Optional<Transform> fieldRule(
            Catalogue.Category category, String text, JsonNode spec, String pointer, Consumer<ConfigProblem> report) {
        FieldPath path = FieldPath.parse(text); // the schema already checked the syntax
        Catalogue.Field field = category.fields().get(path.field());
        if (field == null) {
            report.accept(yaml.problem(
                    pointer,
                    "unknown field '" + path.field() + "' (category '" + category.name() + "' does not define it)"));
            return Optional.empty();
        }
        FieldPath.Step first = path.steps().get(0);
        if (first.elements() && field.type() != FieldType.LIST) {
            report.accept(yaml.problem(pointer, "'[]' needs a list, but '" + path.field() + "' is " + field.type()));
            return Optional.empty();
        }
        if (!first.elements() && path.nested() && field.type() != FieldType.OBJECT) {
            report.accept(yaml.problem(
                    pointer, "a nested path needs an object, but '" + path.field() + "' is " + field.type()));
            return Optional.empty();
        }
        Transform transform;
        try {
            transform = TransformSpec.parse(spec, config.gateway().coarseTables());
        } catch (IllegalArgumentException e) {
            report.accept(yaml.problem(pointer, e.getMessage()));
            return Optional.empty();
        }
        if (!path.nested() && !transform.fits(field.type())) {
            report.accept(yaml.problem(
                    pointer, "transform '" + transform.describe() + "' does not fit a " + field.type() + " field"));
            return Optional.empty();
        }
        return Optional.of(transform);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private void jwksReadable(Consumer<ConfigProblem> report) {
        Path jwks = config.resolve(config.gateway().authentication().jwksFile());
        try {
            JWKSet set = JWKSet.load(jwks.toFile());
            if (set.getKeys().isEmpty()) {
                report.accept(yaml.problem("/authentication/jwks-file", "JWKS file has no keys: " + jwks));
            } else if (set.getKeys().stream().anyMatch(k -> k.isPrivate())) {
                report.accept(yaml.problem(
                        "/authentication/jwks-file", "JWKS file contains a private key; publish public keys only"));
            }
        } catch (IOException e) {
            report.accept(yaml.problem("/authentication/jwks-file", "JWKS file not readable: " + jwks));
        } catch (ParseException e) {
            report.accept(yaml.problem("/authentication/jwks-file", "not a JWKS document: " + jwks));
        }
    }
}
