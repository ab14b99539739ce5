package dev.wifdesk;

import dev.wifdesk.cli.WifdeskCommand;

/** Entry point of the jar: no arguments opens the GUI, otherwise the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(WifdeskCommand.run(args));
    }
}
