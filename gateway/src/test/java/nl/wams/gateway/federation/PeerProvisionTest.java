package nl.wams.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.TrustAnchor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.wams.adapters.peer.PeerAnswer;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerProtocolException;
import nl.wams.adapters.peer.PeerProvision;
import nl.wams.adapters.peer.PeerReceipt;
import nl.wams.adapters.peer.PeerRequest;
import nl.wams.adapters.peer.PeerSigner;
import nl.wams.adapters.peer.PeerTrust;
import nl.wams.gateway.support.Household;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinated approach's messages: what one gateway signs, the other verifies and reads back
 * unchanged; a signed request is no provision; and what breaks the protocol's limits is refused
 * naming the field, never its value.
 */
class PeerProvisionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final DemoPki.Organisation GEMEENTE = DemoPki.DEMO.get(0);
    static final DemoPki.Organisation GGZ = DemoPki.DEMO.get(1);

    static PeerMessages messages;
    static PeerSigner gemeente;

    @BeforeAll
    static void pki() throws Exception {
        DemoPki pki = DemoPki.create("test root", Duration.ofDays(10));
        Instant now = Instant.now();
        DemoPki.Issued signing = pki.signing(GEMEENTE, now.minusSeconds(60), now.plus(Duration.ofDays(1)));
        gemeente = new PeerSigner(signing.keys().getPrivate(), signing.chain());
        messages = new PeerMessages(new PeerTrust(Set.of(new TrustAnchor(pki.ca(), null))), Clock.systemUTC());
    }

    static PeerProvision provision() {
        return new PeerProvision(
                PeerProvision.Kind.VERSTREKKING,
                "01900000-0000-7000-8000-00000000000a",
                "ZK-1",
                "gecoordineerde-aanpak",
                "wmo-aanpak",
                null,
                null,
                null,
                "Afstemmen",
                List.of("schulden"),
                List.of(new PeerAnswer.Person(
                        Household.CLIENT, Map.of("schulden", Map.of("totaalbedrag", JSON.valueToTree(4200))))),
                List.of("schulden.schuldhulpverleningSinds"));
    }

    @Test
    void aSignedProvisionVerifiesAndReadsBackUnchanged() throws Exception {
        String jws = messages.signProvision(gemeente, GGZ.oin(), "jti-1", provision());

        PeerMessages.VerifiedMessage verified = messages.verifyProvision(jws, GEMEENTE.oin(), GGZ.oin());
        PeerProvision read = PeerProvision.read(verified.content());

        assertThat(verified.senderOin()).isEqualTo(GEMEENTE.oin());
        assertThat(read.toJson().toString()).isEqualTo(provision().toJson().toString());
        assertThat(read.dataCategories()).containsExactly("schulden");
    }

    @Test
    void aSignedRequestIsNoProvision() {
        String request = messages.signRequest(
                gemeente,
                GGZ.oin(),
                "jti-2",
                JSON.createObjectNode().put("doel", "x"),
                "0af7651916cd43dd8448eb211c80319c");

        assertThatThrownBy(() -> messages.verifyProvision(request, GEMEENTE.oin(), GGZ.oin()))
                .isInstanceOfSatisfying(
                        PeerProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(PeerProtocolException.Reason.MISSING_CLAIM));
    }

    @Test
    void aProvisionForAnotherGatewayIsRefused() {
        String jws = messages.signProvision(gemeente, GGZ.oin(), "jti-3", provision());

        assertThatThrownBy(() -> messages.verifyProvision(jws, GEMEENTE.oin(), "00000099000000000999"))
                .isInstanceOfSatisfying(
                        PeerProtocolException.class,
                        e -> assertThat(e.reason()).isEqualTo(PeerProtocolException.Reason.WRONG_AUDIENCE));
    }

    @Test
    void contentBreakingTheLimitsIsRefusedNamingTheFieldNotTheValue() {
        assertRefused(with(p -> p.put("soort", "ONBEKEND")), "soort");
        assertRefused(with(p -> ((ObjectNode) p.get("personen").get(0)).put("bsn", "12345")), "bsn");
        assertRefused(
                with(p -> ((ObjectNode) p.at("/personen/0/gegevens/schulden")).put("totaalbedrag", "a\u0007b")),
                "personen[0].gegevens.schulden");
        assertRefused(
                with(p -> ((ObjectNode) p.at("/personen/0/gegevens/schulden"))
                        .putArray("lijst")
                        .addArray()
                        .add("x".repeat(PeerProvision.MAX_VALUE + 1))),
                "personen[0].gegevens.schulden");
        assertRefused(
                with(p -> {
                    var people = p.putArray("personen");
                    for (int i = 0; i < 21; i++) {
                        people.addObject().put("bsn", Household.CLIENT);
                    }
                }),
                "personen");
        assertRefused(with(p -> p.put("overleg", "not an id!")), "overleg");
    }

    @Test
    void aReceiptReadsBackAndAnythingElseIsNoReceipt() {
        PeerReceipt receipt = new PeerReceipt("id-1", PeerReceipt.Status.OVERGENOMEN);

        assertThat(PeerReceipt.read(receipt.toJson().toString().getBytes())).contains(receipt);
        assertThat(PeerReceipt.read("{\"status\":\"GESTOLEN\"}".getBytes())).isEmpty();
        assertThat(PeerReceipt.read("<html>".getBytes())).isEmpty();
    }

    interface Change {
        void apply(ObjectNode provision);
    }

    static JsonNode with(Change change) {
        ObjectNode json = (ObjectNode) provision().toJson().deepCopy();
        change.apply(json);
        return json;
    }

    static void assertRefused(JsonNode json, String field) {
        assertThatThrownBy(() -> PeerProvision.read(json))
                .isInstanceOfSatisfying(
                        PeerRequest.InvalidField.class,
                        e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageNotContaining(Household.CLIENT);
    }
}
