package dev.wifdesk.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command. Subcommands are listed here; each lives in its own class. */
@Command(name = "wifdesk", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Keyless GitLab CI -> Google Cloud Dataflow through Workload Identity Federation.%n"
                + "With no arguments, opens the GUI.",
        subcommands = {CommandLine.HelpCommand.class, SandboxCommand.class, DiagnoseCommand.class})
public final class WifdeskCommand implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @Option(names = "--measure-startup",
            description = "Open the GUI, print 'startup-ms N' (ms from JVM start to the first frame of the window), then exit.")
    private boolean measureStartup;

    @Override
    public void run() {
        dev.wifdesk.ui.WifdeskApp.launchGui(measureStartup);
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failed, 2 bad input). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new WifdeskCommand());
        cli.setParameterExceptionHandler(new OneLineParameterErrors());
        cli.setExecutionExceptionHandler(new OneLineExecutionErrors());
        return cli;
    }
}
