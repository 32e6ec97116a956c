package nl.wams.gateway.config;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import nl.wams.adapters.peer.PeerTrust;
import nl.wams.gateway.config.GatewayConfig.Party;

/**
 * Rules about the files and secrets a configuration names: the JWKS, the audit keys, the
 * federation's key stores (readable, with this organisation's OIN, not about to expire), the API's
 * TLS, and environment variables that must be set. Part of {@link ConfigRules}.
 */
record KeyMaterialRules(LoadedConfig config, LocatedYaml yaml) {

    void check(Consumer<ConfigProblem> report) {
        Opened opened = new Opened();
        jwksReadable(report);
        auditKeysReadable(report);
        federationReady(opened, report);
        apiTransport(opened, report);
    }

    /**
     * The key stores one check has opened, each once: opening a PKCS#12 store derives its keys from
     * the password (tens of thousands of HMAC rounds), and in a command's fresh JVM every opening
     * cost ~0.1 s. The demo's API and federation share one TLS store; every store was opened two or
     * three times before.
     */
    private final class Opened {
        private final Map<GatewayConfig.KeyStoreRef, Optional<KeyStore>> stores = new HashMap<>();

        /** The store, or empty when its file or password is wrong (which keyStore(..) reports). */
        Optional<KeyStore> open(GatewayConfig.KeyStoreRef ref) {
            return stores.computeIfAbsent(ref, r -> {
                try (var in = Files.newInputStream(config.resolve(r.path()))) {
                    var store = KeyStore.getInstance("PKCS12");
                    store.load(in, r.secret());
                    return Optional.of(store);
                } catch (IOException | GeneralSecurityException e) {
                    return Optional.empty();
                }
            });
        }
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
        if (audit.timestamping() != null) {
            Path tsa = config.resolve(audit.timestamping().certificate());
            try (var in = Files.newInputStream(tsa)) {
                var certificate = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(in);
                var usages = certificate.getExtendedKeyUsage();
                if (usages == null || !usages.contains("1.3.6.1.5.5.7.3.8")) {
                    report.accept(yaml.problem(
                            "/audit/timestamping/certificate",
                            "not a time-stamping certificate (extended key usage timeStamping): " + tsa));
                }
            } catch (IOException e) {
                report.accept(yaml.problem("/audit/timestamping/certificate", "TSA certificate not readable: " + tsa));
            } catch (GeneralSecurityException e) {
                report.accept(yaml.problem("/audit/timestamping/certificate", "not an X.509 certificate: " + tsa));
            }
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

    private void federationReady(Opened opened, Consumer<ConfigProblem> report) {
        GatewayConfig gateway = config.gateway();
        boolean peers = gateway.usesPeers();
        if (gateway.federation() == null) {
            if (peers || gateway.provides()) {
                report.accept(
                        yaml.problem(
                                "",
                                "missing required key 'federation' (needed for peer parties, peer desks and the provider role)"));
            }
            return;
        }
        keyStore("/federation/tls", gateway.federation().tls(), true, opened, report);
        keyStore("/federation/signing", gateway.federation().signing(), true, opened, report);
        keyStore("/federation/trust-store", gateway.federation().trustStore(), false, opened, report);
        ownOin("/federation/tls", gateway.federation().tls(), opened, report);
        ownOin("/federation/signing", gateway.federation().signing(), opened, report);
        List<Party> parties = gateway.parties();
        for (int i = 0; i < parties.size(); i++) {
            Party party = parties.get(i);
            if (party.adapter().type() == AdapterType.PEER
                    && party.adapter().url() != null
                    && !party.adapter().url().toLowerCase(Locale.ROOT).startsWith("https://")) {
                report.accept(yaml.problem(
                        "/parties/" + i + "/adapter/url",
                        "a peer gateway is reached over https:// only (the signed request carries BSNs)"));
            }
        }
        if (gateway.meldpunt() != null) {
            List<GatewayConfig.Desk> desks = gateway.meldpunt().desks();
            for (int i = 0; i < desks.size(); i++) {
                GatewayConfig.Adapter adapter = desks.get(i).adapter();
                if (adapter.type() == AdapterType.PEER
                        && adapter.url() != null
                        && !adapter.url().toLowerCase(Locale.ROOT).startsWith("https://")) {
                    report.accept(
                            yaml.problem(
                                    "/meldpunt/desks/" + i + "/adapter/url",
                                    "a desk's gateway is reached over https:// only (the signed signal carries personal data)"));
                }
            }
        }
    }

    /**
     * The certificate of a federation key must name this organisation: its OIN (serialNumber of
     * the subject) must be {@code identity.oin}, or peers would refuse every message, or worse,
     * this gateway would speak as another organisation.
     */
    private void ownOin(String pointer, GatewayConfig.KeyStoreRef ref, Opened opened, Consumer<ConfigProblem> report) {
        Path file = config.resolve(ref.path());
        if (ref.passwordEnv() != null && System.getenv(ref.passwordEnv()) == null) {
            return; // keyStore(...) names the variable
        }
        Optional<KeyStore> found = opened.open(ref);
        if (found.isEmpty()) {
            return; // reported by keyStore()
        }
        try {
            var store = found.get();
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
        } catch (GeneralSecurityException e) {
            // an entry that cannot be read: reported by keyStore()
        }
    }

    /** The store must open with its password; key stores need a key whose certificate is valid today. */
    private void keyStore(
            String pointer,
            GatewayConfig.KeyStoreRef ref,
            boolean needsKey,
            Opened opened,
            Consumer<ConfigProblem> report) {
        Path file = config.resolve(ref.path());
        if (ref.passwordEnv() != null && System.getenv(ref.passwordEnv()) == null) {
            report.accept(yaml.problem(
                    pointer + "/password-env",
                    "environment variable " + ref.passwordEnv() + " is not set (it holds the password of " + file
                            + ")"));
            return;
        }
        Optional<KeyStore> found = opened.open(ref);
        if (found.isEmpty()) {
            report.accept(cannotOpen(pointer, file));
            return;
        }
        try {
            var store = found.get();
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
        } catch (GeneralSecurityException e) {
            report.accept(cannotOpen(pointer, file));
        }
    }

    private ConfigProblem cannotOpen(String pointer, Path file) {
        return yaml.problem(pointer + "/path", "cannot open PKCS#12 " + file + " (path or password wrong)");
    }

    /** A key or password named by an environment variable: the variable must be set where the gateway runs. */
    private void environmentSet(String pointer, String variable, String holds, Consumer<ConfigProblem> report) {
        if (variable != null && System.getenv(variable) == null) {
            report.accept(
                    yaml.problem(pointer, "environment variable " + variable + " is not set (it holds " + holds + ")"));
        }
    }

    /** HTTPS unless a configuration explicitly asks for plain HTTP on loopback. */
    private void apiTransport(Opened opened, Consumer<ConfigProblem> report) {
        GatewayConfig.Api api = config.gateway().api();
        if (api.tls() != null) {
            keyStore("/api/tls", api.tls(), true, opened, report);
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
}
