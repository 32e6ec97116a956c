package nl.wams.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import nl.wams.gateway.storage.DataCipher;
import nl.wams.gateway.support.TestGateway;
import nl.wams.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changing the data key on a real gateway: after the rotation, values sealed with the old key stay
 * readable while it is listed as previous, new values are sealed with the new key, {@code audit
 * rekey} re-seals everything (and says so in the log), and then the old key can go.
 */
class RekeyIT {

    @TempDir
    Path dir;

    static final ObjectMapper JSON = new ObjectMapper();
    final TestTokens tokens = new TestTokens();

    String config(String dataKey, String previous) {
        return TestGateway.verkenningRequester() + """
                parties: []
                meldpunt:
                  legal-basis: { id: wmo-meldpunt, text: "Wmo 2015 (Wams): meldpunt" }
                """
                + auditBlock.replace(
                        "data-key-file: \"" + dir.resolve("gw").resolve("data.key") + "\"",
                        "data-key-file: \"" + dataKey + "\"")
                + (previous == null ? "" : "  previous-data-key-files: [\"" + previous + "\"]\n");
    }

    /** The gateway's audit block (fresh test keys); the data key line is replaced per start. */
    private String auditBlock;

    String report(TestGateway g) throws Exception {
        return JSON.readTree(g.send(HttpRequest.newBuilder(g.uri("/api/v1/meldpunt/meldingen"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"zorgen\":\"Zorgen om de buren\"}"))
                                .build())
                        .body())
                .get("referentie")
                .asText();
    }

    List<String> sealed() throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(
                        "jdbc:h2:file:"
                                + dir.resolve("gw").resolve("audit-data").resolve("audit"),
                        "sa",
                        "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT content FROM melding")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void afterARotationOldValuesStayReadableRekeyResealsThemAndTheOldKeyCanGo() throws Exception {
        Path gw = Files.createDirectories(dir.resolve("gw"));
        auditBlock = TestGateway.auditBlock(gw, "node-r", null);
        Path oldKey = gw.resolve("data.key");
        Path newKey = gw.resolve("data-2026.key");
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        Files.writeString(newKey, Base64.getEncoder().encodeToString(fresh));
        String staff = tokens.withRoles("mp", "meldpunt");

        TestGateway before = TestGateway.start(gw, tokens, config(oldKey.toString(), null));
        String old = report(before);
        before.close();

        TestGateway rotated = TestGateway.start(gw, tokens, config(newKey.toString(), oldKey.toString()));
        assertThat(rotated.get("/api/v1/meldpunt/signalen/" + old, staff).body())
                .contains("Zorgen om de buren");
        String recent = report(rotated);
        assertThat(rotated.get("/api/v1/meldpunt/signalen/" + recent, staff).statusCode())
                .isEqualTo(200);
        rotated.close();
        String newId = DataCipher.id(fresh);
        assertThat(sealed())
                .hasSize(2)
                .filteredOn(v -> v.startsWith(newId + ":"))
                .hasSize(1);

        CliRunner.Result run = CliRunner.run(
                "audit", "rekey", "--config", gw.resolve("gateway.yml").toString());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("melding", "1 re-sealed", "can be removed");
        assertThat(sealed()).allSatisfy(v -> assertThat(v).startsWith(newId + ":"));

        TestGateway after = TestGateway.start(gw, tokens, config(newKey.toString(), null));
        try {
            assertThat(after.get("/api/v1/meldpunt/signalen/" + old, staff).body())
                    .contains("Zorgen om de buren");
            assertThat(after.get("/api/v1/verwerkingen?paginaGrootte=500", tokens.withRoles("fg", "auditor"))
                            .body())
                    .contains("DATASLEUTEL_VERVANGEN");
        } finally {
            after.close();
        }
    }
}
