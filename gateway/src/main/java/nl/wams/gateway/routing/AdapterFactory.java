package nl.wams.gateway.routing;

import com.fasterxml.jackson.core.JsonPointer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import nl.wams.adapters.FieldMapping;
import nl.wams.adapters.PartyAdapter;
import nl.wams.gateway.config.AdapterParts;
import nl.wams.gateway.config.AdapterType;
import nl.wams.gateway.config.GatewayConfig;
import nl.wams.gateway.config.GatewayConfig.Party;
import nl.wams.gateway.config.LoadedConfig;
import nl.wams.gateway.federation.FederationSetup;

/**
 * Builds each configured party's adapter: the party's {@link AdapterType} builds it from
 * the parts this factory provides (TLS material, federation keys, catalogue field types).
 */
public final class AdapterFactory implements AdapterParts {

    private final LoadedConfig config;
    private final Supplier<FederationSetup> federation;
    private final Clock clock;

    public AdapterFactory(LoadedConfig config, Supplier<FederationSetup> federation, Clock clock) {
        this.config = config;
        this.federation = federation;
        this.clock = clock;
    }

    /**
     * One adapter per party id, in configuration order. An adapter waits up to twice the party's
     * timeout: the party's {@link PartyGuard} answers the caller at the timeout, and an answer that
     * still comes in the second half is recorded as late ({@link LateAnswers}).
     */
    public Map<String, PartyAdapter> createAll() {
        Map<String, PartyAdapter> adapters = new LinkedHashMap<>();
        config.gateway()
                .parties()
                .forEach(p -> adapters.put(p.id(), create(p, p.timeout().multipliedBy(2))));
        return adapters;
    }

    PartyAdapter create(Party party) {
        return create(party, party.timeout());
    }

    private PartyAdapter create(Party party, Duration timeout) {
        return party.adapter().type().build(party, timeout, this);
    }

    @Override
    public AdapterParts.FederationKeys federation() {
        FederationSetup keys = federation.get();
        return new AdapterParts.FederationKeys(keys.sslContext(), keys.messages(clock), keys.signer());
    }

    @Override
    public List<FieldMapping> mappings(Party party) {
        List<FieldMapping> mappings = new ArrayList<>();
        party.adapter()
                .mappings()
                .forEach((category, fields) -> fields.forEach((field, pointer) -> {
                    var type = config.catalogue()
                            .category(category)
                            .orElseThrow()
                            .fields()
                            .get(field)
                            .type();
                    mappings.add(new FieldMapping(category, field, JsonPointer.compile(pointer), type));
                }));
        return mappings;
    }

    @Override
    public List<FieldMapping> catalogueFields(List<String> categories) {
        List<FieldMapping> fields = new ArrayList<>();
        for (String category : categories) {
            config.catalogue()
                    .category(category)
                    .ifPresent(c -> c.fields()
                            .forEach((name, field) -> fields.add(
                                    new FieldMapping(category, name, JsonPointer.compile("/" + name), field.type()))));
        }
        return fields;
    }

    /** The REST adapter of a provider's own backend, built like a party's. */
    public PartyAdapter backend(GatewayConfig.Adapter adapter, Duration timeout) {
        return create(new Party(
                "backend",
                "backend",
                config.gateway().identity().oin(),
                "sociaal-domein",
                List.copyOf(adapter.mappings().keySet()),
                timeout,
                null,
                adapter));
    }

    @Override
    public SSLContext sslContext(GatewayConfig.Adapter adapter) {
        if (adapter.trustStore() == null && adapter.clientKeyStore() == null) {
            return null;
        }
        try {
            TrustManagerFactory tmf = null;
            if (adapter.trustStore() != null) {
                var trustStore = adapter.trustStore();
                KeyStore store = KeyStore.getInstance(trustStore.type());
                try (InputStream in = Files.newInputStream(config.resolve(trustStore.path()))) {
                    store.load(in, trustStore.password().toCharArray());
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
            }
            KeyManagerFactory kmf = null;
            if (adapter.clientKeyStore() != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(
                        config.resolve(adapter.clientKeyStore().path()))) {
                    keys.load(in, adapter.clientKeyStore().secret());
                }
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, adapter.clientKeyStore().secret());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the TLS material of adapter " + adapter.url(), e);
        }
    }
}
