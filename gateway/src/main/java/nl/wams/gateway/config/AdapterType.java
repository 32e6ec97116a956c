package nl.wams.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonPointer;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import nl.wams.adapters.PartyAdapter;
import nl.wams.adapters.ReferralAdapter;
import nl.wams.adapters.peer.PeerAdapterSettings;
import nl.wams.adapters.peer.PeerClient;
import nl.wams.adapters.peer.PeerPartyAdapter;
import nl.wams.adapters.peer.PeerReferralAdapter;
import nl.wams.adapters.rest.RestAdapterSettings;
import nl.wams.adapters.rest.RestPartyAdapter;
import nl.wams.adapters.rest.RestReferralAdapter;
import nl.wams.adapters.soap.SoapAdapterSettings;
import nl.wams.adapters.soap.SoapPartyAdapter;
import nl.wams.adapters.soap.SoapReferralAdapter;

/**
 * The kinds of adapter, as the configuration names them ({@code type: rest|soap|peer}).
 * Each says what follows from it, so no rule compares type names.
 */
public enum AdapterType {
    /** A REST/JSON backend; fields are mapped in the configuration ({@code mappings}). */
    @JsonProperty("rest")
    REST {
        @Override
        public PartyAdapter build(GatewayConfig.Party party, Duration wait, AdapterParts parts) {
            GatewayConfig.Adapter adapter = party.adapter();
            return new RestPartyAdapter(new RestAdapterSettings(
                    URI.create(adapter.url()),
                    wait,
                    parts.sslContext(adapter),
                    adapter.maxAnswerBytes(),
                    JsonPointer.compile(adapter.subjectsPointer()),
                    JsonPointer.compile(adapter.bsnPointer()),
                    JsonPointer.compile(adapter.refusalGroundPointer()),
                    JsonPointer.compile(adapter.refusalMotivationPointer()),
                    parts.mappings(party)));
        }
    },
    /** The housing corporation's SOAP service; fields are mapped in code from the WSDL. */
    @JsonProperty("soap")
    SOAP {
        @Override
        public PartyAdapter build(GatewayConfig.Party party, Duration wait, AdapterParts parts) {
            GatewayConfig.Adapter adapter = party.adapter();
            return new SoapPartyAdapter(new SoapAdapterSettings(
                    URI.create(adapter.url()), wait, parts.sslContext(adapter), adapter.maxAnswerBytes()));
        }
    },
    /** A party's own wams gateway: signed messages over mutual TLS; it may hold answers for review. */
    @JsonProperty("peer")
    PEER {
        @Override
        public PartyAdapter build(GatewayConfig.Party party, Duration wait, AdapterParts parts) {
            AdapterParts.FederationKeys keys = parts.federation();
            return new PeerPartyAdapter(new PeerAdapterSettings(
                    URI.create(party.adapter().url()),
                    wait,
                    party.timeout(),
                    keys.sslContext(),
                    keys.messages(),
                    keys.signer(),
                    party.oin(),
                    party.adapter().maxAnswerBytes(),
                    parts.catalogueFields(party.categories())));
        }

        @Override
        public ReferralAdapter referrals(GatewayConfig.Desk desk, AdapterParts parts) {
            AdapterParts.FederationKeys keys = parts.federation();
            return new PeerReferralAdapter(
                    GatewayConfig.peerBase(desk.adapter()).orElseThrow().resolve("verstrekkingen"),
                    desk.oin(),
                    keys.messages(),
                    keys.signer(),
                    new PeerClient(keys.sslContext(), desk.timeout()));
        }
    };

    /**
     * This type's adapter for routing signals of the reporting point to {@code desk}: the same
     * transport and TLS material as a party's, a message of its own.
     */
    public ReferralAdapter referrals(GatewayConfig.Desk desk, AdapterParts parts) {
        GatewayConfig.Adapter adapter = desk.adapter();
        if (this == SOAP) {
            return new SoapReferralAdapter(new SoapAdapterSettings(
                    URI.create(adapter.url()), desk.timeout(), parts.sslContext(adapter), adapter.maxAnswerBytes()));
        }
        return new RestReferralAdapter(URI.create(adapter.url()), desk.timeout(), parts.sslContext(adapter));
    }

    /**
     * This type's adapter for {@code party}.
     *
     * @param wait how long the adapter waits for an answer
     * @param parts what the running gateway provides: TLS material, federation keys, field types
     */
    public abstract PartyAdapter build(GatewayConfig.Party party, Duration wait, AdapterParts parts);

    /** The name in the configuration and in route names. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the configuration maps its fields ({@code mappings}); otherwise the adapter does. */
    public boolean mappedInConfiguration() {
        return this == REST;
    }

    /** Whether a party behind it may hold an answer for a professional's review (and be polled). */
    public boolean holdsAnswers() {
        return this == PEER;
    }

    /** Whether its answers are minimised at the source (by the party's own gateway). */
    public boolean minimisedAtSource() {
        return this == PEER;
    }
}
