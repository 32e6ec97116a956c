package nl.wams.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code request}: a gateway that cannot be reached or a file that cannot be read is one clear line. */
class RequestCommandErrorsIT {

    @TempDir
    Path dir;

    @Test
    void anUnreachableGatewayAMissingTokenAndABadCacertEachGiveOneLine() throws Exception {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }
        Path token = Files.writeString(dir.resolve("t.token"), "x");
        Path request = Files.writeString(dir.resolve("r.json"), "{}");
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        String gateway = "https://127.0.0.1:" + nothingListens;

        var unreachable =
                CliRunner.run("request", "--gateway", gateway, "--token", token.toString(), request.toString());
        var noToken = CliRunner.run(
                "request",
                "--gateway",
                gateway,
                "--token",
                dir.resolve("missing.token").toString(),
                request.toString());
        var badCa = CliRunner.run(
                "request",
                "--gateway",
                gateway,
                "--cacert",
                notPem.toString(),
                "--token",
                token.toString(),
                request.toString());

        assertThat(unreachable.err()).startsWith("cannot reach the gateway at " + gateway);
        assertThat(noToken.err()).startsWith("cannot read ").contains("missing.token");
        assertThat(badCa.err()).startsWith("--cacert ").contains("is not a readable PEM certificate");
        for (var run : java.util.List.of(unreachable, noToken, badCa)) {
            assertThat(run.code()).isEqualTo(RequestCommand.UNREACHABLE);
            assertThat(run.err().strip().lines()).hasSize(1);
        }
    }
}
