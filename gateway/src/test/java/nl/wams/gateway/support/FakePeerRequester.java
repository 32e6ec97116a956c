package nl.wams.gateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A requester gateway (the test federation's municipality) whose one party, {@code ggz}, is a
 * {@link SigningFakePeer}: the peer signs whatever a test makes it answer, so a test can play a
 * hostile or slow party gateway. Purpose {@code onderzoek} asks {@code bekend-bij} and
 * {@code contactprofessional}; the test gives the minimisation profiles and the polling settings.
 */
public final class FakePeerRequester implements BeforeAllCallback, AfterAllCallback {

    private final TestTokens tokens;
    private final String profiles;
    private final String polling;
    private final String partySettings;
    private Path dir;
    private SigningFakePeer peer;
    private TestGateway requester;

    private FakePeerRequester(TestTokens tokens, String profiles, String polling, String partySettings) {
        this.tokens = tokens;
        this.profiles = profiles;
        this.polling = polling;
        this.partySettings = partySettings;
    }

    /**
     * @param profiles the profiles of {@code minimisation.onderzoek}, one category a line
     * @param polling the {@code review-polling:} line
     */
    public static FakePeerRequester of(TestTokens tokens, String profiles, String polling) {
        return new FakePeerRequester(tokens, profiles, polling, null);
    }

    /** As {@link #of}, with one more setting of the party {@code ggz} (one line, e.g. its circuit breaker). */
    public static FakePeerRequester of(TestTokens tokens, String profiles, String polling, String partySettings) {
        return new FakePeerRequester(tokens, profiles, polling, partySettings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("wams-it-");
        TestFederation pki = TestFederation.create(Files.createDirectories(dir.resolve("pki")));
        peer = new SigningFakePeer(pki, TestFederation.GEMEENTE.oin());
        requester = TestGateway.start(
                Files.createDirectories(dir.resolve("requester")),
                tokens,
                TestFederation.gemeenteRequester()
                        + """
                        purposes:
                          - id: onderzoek
                            phase: onderzoek
                            legal-basis: { id: wmo-onderzoek, text: "Wmo 2015 (Wams): onderzoek" }
                            categories: [bekend-bij, contactprofessional]
                            all-categories-allowed: true
                        minimisation:
                          onderzoek:
                        """
                        + profiles.lines().map(l -> "    " + l.strip() + "\n").reduce("", String::concat)
                        + polling.strip() + "\n"
                        + party(TestFederation.ggzPeerParty(peer.port(), "bekend-bij, contactprofessional"))
                        + pki.block(TestFederation.GEMEENTE, false));
    }

    private String party(String yaml) {
        if (partySettings == null) {
            return yaml;
        }
        return yaml.replace("    adapter:", "    " + partySettings.strip() + "\n    adapter:");
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (requester != null) {
            requester.close();
        }
        if (peer != null) {
            peer.close();
        }
        TestFiles.deleteTree(dir);
    }

    public SigningFakePeer peer() {
        return peer;
    }

    public TestGateway requester() {
        return requester;
    }
}
