package nl.wams.gateway.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Runs the CLI in-process and captures what it prints. */
public final class CliRunner {

    private CliRunner() {}

    /** Exit code and output of one command. */
    public record Result(int code, String out, String err) {}

    public static synchronized Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true));
            System.setErr(new PrintStream(errBytes, true));
            int code = WamsGatewayCli.commandLine().execute(args);
            return new Result(code, outBytes.toString(), errBytes.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
