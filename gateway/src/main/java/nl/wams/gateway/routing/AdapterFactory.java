package nl.wams.gateway.routing;

import com.fasterxml.jackson.core.JsonPointer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import nl.wams.adapters.FieldMapping;
import nl.wams.adapters.PartyAdapter;
import nl.wams.adapters.rest.RestAdapterSettings;
import nl.wams.adapters.rest.RestPartyAdapter;
import nl.wams.gateway.config.GatewayConfig.Party;
import nl.wams.gateway.config.LoadedConfig;

/** Builds each configured party's adapter from its settings and the catalogue's field types. */
public final class AdapterFactory {

    private final LoadedConfig config;

    public AdapterFactory(LoadedConfig config) {
        this.config = config;
    }

    /** One adapter per party id, in configuration order. */
    public Map<String, PartyAdapter> createAll() {
        Map<String, PartyAdapter> adapters = new LinkedHashMap<>();
        config.gateway().parties().forEach(p -> adapters.put(p.id(), create(p)));
        return adapters;
    }

    PartyAdapter create(Party party) {
        var adapter = party.adapter();
        // Only "rest" exists so far; the schema rejects other types before we get here.
        return new RestPartyAdapter(new RestAdapterSettings(
                URI.create(adapter.url()),
                party.timeout(),
                adapter.trustStore() == null ? null : sslContext(adapter.trustStore()),
                adapter.maxAnswerBytes(),
                JsonPointer.compile(adapter.subjectsPointer()),
                JsonPointer.compile(adapter.bsnPointer()),
                JsonPointer.compile(adapter.refusalGroundPointer()),
                JsonPointer.compile(adapter.refusalMotivationPointer()),
                mappings(party)));
    }

    private List<FieldMapping> mappings(Party party) {
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

    private SSLContext sslContext(nl.wams.gateway.config.GatewayConfig.TrustStore trustStore) {
        try (InputStream in = Files.newInputStream(config.resolve(trustStore.path()))) {
            KeyStore store = KeyStore.getInstance(trustStore.type());
            store.load(in, trustStore.password().toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load trust store " + trustStore.path(), e);
        }
    }
}
