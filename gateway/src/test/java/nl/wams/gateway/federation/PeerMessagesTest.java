package nl.wams.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.cert.TrustAnchor;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.wams.adapters.peer.PeerMessages;
import nl.wams.adapters.peer.PeerProtocolException.Reason;
import nl.wams.adapters.peer.PeerSigner;
import nl.wams.adapters.peer.PeerTrust;
import nl.wams.gateway.support.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The peer protocol's checks, one attack per test: every forged, altered, misdirected or stale
 * request or answer is rejected with the reason that names it.
 */
class PeerMessagesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final DemoPki.Organisation GEMEENTE = DemoPki.DEMO.get(0);
    static final DemoPki.Organisation GGZ = DemoPki.DEMO.get(1);
    static final DemoPki.Organisation WOON = DemoPki.DEMO.get(2);

    static DemoPki.Issued gemeenteSigning;
    static DemoPki.Issued ggzSigning;
    static DemoPki.Issued woonSigning;
    static DemoPki.Issued untrustedSigning;
    static DemoPki.Issued expiredSigning;
    static PeerMessages messages;
    static Set<TrustAnchor> anchors;

    @BeforeAll
    static void pki() throws Exception {
        DemoPki pki = DemoPki.create("test root", Duration.ofDays(10));
        Instant now = Instant.now();
        gemeenteSigning = pki.signing(GEMEENTE, now.minusSeconds(60), now.plus(Duration.ofDays(1)));
        ggzSigning = pki.signing(GGZ, now.minusSeconds(60), now.plus(Duration.ofDays(1)));
        woonSigning = pki.signing(WOON, now.minusSeconds(60), now.plus(Duration.ofDays(1)));
        expiredSigning = pki.signing(GEMEENTE, now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1)));
        untrustedSigning = DemoPki.create("someone else's root", Duration.ofDays(10))
                .signing(GEMEENTE, now.minusSeconds(60), now.plus(Duration.ofDays(1)));
        anchors = Set.of(new TrustAnchor(pki.ca(), null));
        messages = new PeerMessages(new PeerTrust(anchors), Clock.systemUTC());
    }

    static PeerSigner signer(DemoPki.Issued issued) {
        return new PeerSigner(issued.keys().getPrivate(), issued.chain());
    }

    static final JsonNode REQUEST = JSON.valueToTree(Map.of("doel", "onderzoek", "categorieen", List.of("bekend-bij")));

    static String validRequest() {
        return messages.signRequest(
                signer(gemeenteSigning),
                GGZ.oin(),
                "01900000-0000-7000-8000-000000000001",
                REQUEST,
                "0af7651916cd43dd8448eb211c80319c");
    }

    /** Signs arbitrary claims with a key and chain of choice (null chain: no x5c). */
    static String craft(DemoPki.Issued issued, JWTClaimsSet claims, boolean withChain) throws Exception {
        JWSHeader.Builder header =
                new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("wams-verzoek+jwt"));
        if (withChain) {
            List<Base64> x5c = new ArrayList<>();
            for (var cert : issued.chain()) {
                x5c.add(Base64.encode(cert.getEncoded()));
            }
            header.x509CertChain(x5c);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new ECDSASigner((ECPrivateKey) issued.keys().getPrivate()));
        return jwt.serialize();
    }

    static JWTClaimsSet.Builder claims(String iss, String aud, Instant iat, Instant exp) {
        return new JWTClaimsSet.Builder()
                .issuer(iss)
                .audience(aud)
                .jwtID("01900000-0000-7000-8000-000000000002")
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(exp))
                .claim("verzoek", Map.of("doel", "onderzoek"));
    }

    static void rejected(String jws, Reason reason) {
        assertThatThrownBy(() -> messages.verifyRequest(jws, GEMEENTE.oin(), GGZ.oin()))
                .hasFieldOrPropertyWithValue("reason", reason);
    }

    @Test
    void aValidRequestIsAccepted() throws Exception {
        var verified = messages.verifyRequest(validRequest(), GEMEENTE.oin(), GGZ.oin());

        assertThat(verified.requesterOin()).isEqualTo(GEMEENTE.oin());
        assertThat(verified.request().path("doel").asText()).isEqualTo("onderzoek");
        assertThat(verified.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }

    /**
     * After a signing certificate's first message its verifier is kept; every later message under
     * that certificate is still checked in full: signed with another key under the same chain, a
     * payload changed after signing, or the certificate past its end, each is refused.
     */
    @Test
    void aSigningCertificateSeenBeforeHasEveryLaterMessageCheckedInFull() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        PeerMessages peer = new PeerMessages(new PeerTrust(anchors), clock);
        String first = peer.signRequest(signer(gemeenteSigning), GGZ.oin(), "j-1", REQUEST, "t");
        assertThat(peer.verifyRequest(first, GEMEENTE.oin(), GGZ.oin()).jti()).isEqualTo("j-1");

        List<Base64> gemeenteChain = new ArrayList<>();
        for (var cert : gemeenteSigning.chain()) {
            gemeenteChain.add(Base64.encode(cert.getEncoded()));
        }
        SignedJWT otherKey = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(new JOSEObjectType("wams-verzoek+jwt"))
                        .x509CertChain(gemeenteChain)
                        .build(),
                claims(
                                GEMEENTE.oin(),
                                GGZ.oin(),
                                clock.instant(),
                                clock.instant().plusSeconds(60))
                        .build());
        otherKey.sign(new ECDSASigner((ECPrivateKey) woonSigning.keys().getPrivate()));
        assertThatThrownBy(() -> peer.verifyRequest(otherKey.serialize(), GEMEENTE.oin(), GGZ.oin()))
                .hasFieldOrPropertyWithValue("reason", Reason.BAD_SIGNATURE);

        String[] parts = peer.signRequest(signer(gemeenteSigning), GGZ.oin(), "j-2", REQUEST, "t")
                .split("\\.");
        String changed = Base64URL.encode(
                        new Base64URL(parts[1]).decodeToString().replace("j-2", "j-3"))
                .toString();
        assertThatThrownBy(
                        () -> peer.verifyRequest(parts[0] + "." + changed + "." + parts[2], GEMEENTE.oin(), GGZ.oin()))
                .hasFieldOrPropertyWithValue("reason", Reason.BAD_SIGNATURE);

        clock.advance(Duration.ofDays(2)); // the signing certificate ended after one day
        String late = peer.signRequest(signer(gemeenteSigning), GGZ.oin(), "j-4", REQUEST, "t");
        assertThatThrownBy(() -> peer.verifyRequest(late, GEMEENTE.oin(), GGZ.oin()))
                .hasFieldOrPropertyWithValue("reason", Reason.UNTRUSTED_CERTIFICATE);
    }

    /** A receiver's replay store adds each new id at the end of its index, not at a random place. */
    @Test
    void idsOfSignedMessagesAreUniqueAndTimeOrdered() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        PeerMessages peer = new PeerMessages(new PeerTrust(anchors), clock);
        String first = peer.newMessageId();
        String second = peer.newMessageId();
        clock.advance(Duration.ofMillis(1));
        String later = peer.newMessageId();

        assertThat(UUID.fromString(first).version()).isEqualTo(7);
        assertThat(second).isNotEqualTo(first);
        assertThat(later).isGreaterThan(first).isGreaterThan(second);
    }

    @Test
    void untrustedCaIsRejected() {
        rejected(
                messages.signRequest(signer(untrustedSigning), GGZ.oin(), "j", REQUEST, "t"),
                Reason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void expiredCertificateIsRejected() {
        rejected(
                messages.signRequest(signer(expiredSigning), GGZ.oin(), "j", REQUEST, "t"),
                Reason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void certificateOfAnotherOrganisationThanIssIsRejected() throws Exception {
        Instant now = Instant.now();
        rejected(
                craft(
                        woonSigning,
                        claims(GEMEENTE.oin(), GGZ.oin(), now, now.plusSeconds(60))
                                .build(),
                        true),
                Reason.ISSUER_MISMATCH);
    }

    @Test
    void issThatIsNotTheTlsPeerIsRejected() {
        assertThatThrownBy(() -> messages.verifyRequest(validRequest(), WOON.oin(), GGZ.oin()))
                .hasFieldOrPropertyWithValue("reason", Reason.ISSUER_MISMATCH);
    }

    @Test
    void algNoneIsRejected() {
        Instant now = Instant.now();
        rejected(
                new PlainJWT(claims(GEMEENTE.oin(), GGZ.oin(), now, now.plusSeconds(60))
                                .build())
                        .serialize(),
                Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void hs256SignedWithThePublicKeyIsRejected() throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                claims(GEMEENTE.oin(), GGZ.oin(), now, now.plusSeconds(60)).build());
        byte[] publicKey = gemeenteSigning.certificate().getPublicKey().getEncoded();
        jwt.sign(new MACSigner(Arrays.copyOf(publicKey, Math.max(32, publicKey.length))));
        rejected(jwt.serialize(), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void missingX5cIsRejected() throws Exception {
        Instant now = Instant.now();
        rejected(
                craft(
                        gemeenteSigning,
                        claims(GEMEENTE.oin(), GGZ.oin(), now, now.plusSeconds(60))
                                .build(),
                        false),
                Reason.NO_CERTIFICATE_CHAIN);
    }

    @Test
    void payloadChangedAfterSigningIsRejected() {
        String[] parts = validRequest().split("\\.");
        String changed = Base64URL.encode(
                        new Base64URL(parts[1]).decodeToString().replace("onderzoek", "aanpak"))
                .toString();
        rejected(parts[0] + "." + changed + "." + parts[2], Reason.BAD_SIGNATURE);
    }

    @Test
    void expiredNotYetValidAndTooLongLivedRequestsAreRejected() throws Exception {
        Instant now = Instant.now();
        rejected(
                craft(
                        gemeenteSigning,
                        claims(GEMEENTE.oin(), GGZ.oin(), now.minusSeconds(600), now.minusSeconds(300))
                                .build(),
                        true),
                Reason.EXPIRED);
        rejected(
                craft(
                        gemeenteSigning,
                        claims(GEMEENTE.oin(), GGZ.oin(), now.plusSeconds(120), now.plusSeconds(180))
                                .build(),
                        true),
                Reason.NOT_YET_VALID);
        rejected(
                craft(
                        gemeenteSigning,
                        claims(GEMEENTE.oin(), GGZ.oin(), now, now.plus(Duration.ofMinutes(30)))
                                .build(),
                        true),
                Reason.LIFETIME_TOO_LONG);
    }

    @Test
    void wrongAudienceIsRejected() {
        rejected(messages.signRequest(signer(gemeenteSigning), WOON.oin(), "j", REQUEST, "t"), Reason.WRONG_AUDIENCE);
    }

    @Test
    void oversizedJwsIsRejected() {
        rejected("a".repeat(PeerMessages.MAX_JWS_BYTES + 1), Reason.TOO_LARGE);
    }

    @Test
    void aValidAnswerIsBoundToItsRequest() throws Exception {
        String request = validRequest();
        String answer = messages.signAnswer(
                signer(ggzSigning), GEMEENTE.oin(), request, "a1", JSON.valueToTree(Map.of("uitkomst", "NIET_BEKEND")));

        assertThat(messages.verifyAnswer(answer, request, GGZ.oin(), GEMEENTE.oin())
                        .path("uitkomst")
                        .asText())
                .isEqualTo("NIET_BEKEND");
    }

    @Test
    void signaturesThatAreNoSignatureAreRejected() {
        String[] parts = validRequest().split("\\.");
        // r = s = 0 (accepted by some ECDSA implementations once), the wrong length, and r and s
        // swapped: each must fail, whichever implementation verifies.
        byte[] signature = new Base64URL(parts[2]).decode();
        byte[] swapped = new byte[64];
        System.arraycopy(signature, 32, swapped, 0, 32);
        System.arraycopy(signature, 0, swapped, 32, 32);
        for (byte[] forged : List.of(new byte[64], Arrays.copyOf(signature, 63), swapped)) {
            rejected(parts[0] + "." + parts[1] + "." + Base64URL.encode(forged), Reason.BAD_SIGNATURE);
        }
    }

    @Test
    void answerWithTamperedSignatureIsRejected() {
        String request = validRequest();
        String answer = messages.signAnswer(
                signer(ggzSigning), GEMEENTE.oin(), request, "a1", JSON.valueToTree(Map.of("uitkomst", "NIET_BEKEND")));
        String tampered = answer.substring(0, answer.length() - 4) + (answer.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThatThrownBy(() -> messages.verifyAnswer(tampered, request, GGZ.oin(), GEMEENTE.oin()))
                .hasFieldOrPropertyWithValue("reason", Reason.BAD_SIGNATURE);
    }

    @Test
    void answerSignedByADifferentPartyIsRejected() {
        String request = validRequest();
        String answer = messages.signAnswer(
                signer(woonSigning),
                GEMEENTE.oin(),
                request,
                "a1",
                JSON.valueToTree(Map.of("uitkomst", "NIET_BEKEND")));

        assertThatThrownBy(() -> messages.verifyAnswer(answer, request, GGZ.oin(), GEMEENTE.oin()))
                .hasFieldOrPropertyWithValue("reason", Reason.ISSUER_MISMATCH);
    }

    @Test
    void answerBoundToAnotherRequestIsRejected() {
        String request = validRequest();
        String other = messages.signRequest(signer(gemeenteSigning), GGZ.oin(), "j2", REQUEST, "t");
        String answer = messages.signAnswer(
                signer(ggzSigning), GEMEENTE.oin(), other, "a1", JSON.valueToTree(Map.of("uitkomst", "NIET_BEKEND")));

        assertThatThrownBy(() -> messages.verifyAnswer(answer, request, GGZ.oin(), GEMEENTE.oin()))
                .hasFieldOrPropertyWithValue("reason", Reason.WRONG_BINDING);
    }
}
