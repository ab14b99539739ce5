package dev.wifdesk.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Test support: runs the command line in this JVM and keeps what its last run printed. */
final class InProcessCli {
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return WifdeskCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
