package dev.wifdesk.cli;

import dev.wifdesk.cel.CelEngine;
import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command. Subcommands are listed here; each lives in its own class. */
@Command(name = "wifdesk", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Keyless GitLab CI -> Google Cloud Dataflow through Workload Identity Federation.%n"
                + "With no arguments, opens the GUI.",
        subcommands = {CommandLine.HelpCommand.class, SandboxCommand.class, DiagnoseCommand.class, PlanCommand.class,
                ApplyCommand.class, ExportCommand.class, VerifyCommand.class, RotateCommand.class})
public final class WifdeskCommand implements Runnable, CommandLine.IExitCodeGenerator {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    /** The commands whose first work is the spec's CEL checks ({@link CelEngine#prepare}). */
    private static final Set<String> CHECKS_A_SPEC_FIRST = Set.of("plan", "apply", "export");

    @Option(names = GuiLaunch.MEASURE_STARTUP,
            description = "Open the GUI, print 'startup-ms N' (ms from JVM start to the first frame of the window), then exit.")
    private boolean measureStartup;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;
    private int guiExit = EXIT_OK;

    @Override
    public void run() {
        guiExit = GuiLaunch.launch(measureStartup, spec.commandLine().getErr());
    }

    /** The GUI's exit code when this root command opened it (2: the toolkit could not start). */
    @Override
    public int getExitCode() {
        return guiExit;
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failed, 2 bad input). */
    public static int run(String... args) {
        if (GuiLaunch.isPlainGuiStart(args)) {
            return GuiLaunch.launch(args.length == 1, new PrintWriter(System.err, true));
        }
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        if (args.length > 0 && CHECKS_A_SPEC_FIRST.contains(args[0])) {
            CelEngine.prepare(); // beside the parsing of the options, on the other core
        }
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
