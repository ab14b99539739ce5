package dev.wifdesk.cli;

import dev.wifdesk.audit.DroppedLogRecords;
import java.io.PrintWriter;

/**
 * Opening the GUI from the command line. A plain start (no arguments, or only
 * {@code --measure-startup}) skips building picocli's command tree, a tenth of a second of every
 * start. A toolkit that cannot start (no display, GTK missing) is bad input from the system: a
 * clear message and exit 2, no stack trace; any later failure is one line and exit 1, as for a command.
 */
final class GuiLaunch {
    static final String MEASURE_STARTUP = "--measure-startup";

    private GuiLaunch() {
    }

    static boolean isPlainGuiStart(String... args) {
        return args.length == 0 || (args.length == 1 && MEASURE_STARTUP.equals(args[0]));
    }

    static int launch(boolean measureStartup, PrintWriter err) {
        quietUnnamedModuleWarning();
        HeldStderr held = HeldStderr.hold();
        try {
            dev.wifdesk.ui.WifdeskApp.launchGui(measureStartup, () -> held.release(true));
            return WifdeskCommand.EXIT_OK;
        } catch (RuntimeException | Error e) {
            boolean toolkit = !held.released();
            held.release(false);
            if (toolkit) {
                ToolkitFailure.explain(e, held.text()).forEach(err::println);
                err.flush();
                return WifdeskCommand.EXIT_BAD_INPUT;
            }
            org.slf4j.LoggerFactory.getLogger(GuiLaunch.class).debug("GUI failed", e);
            err.println("wifdesk: " + dev.wifdesk.cloud.ClientErrors.oneLine(e));
            err.flush();
            return WifdeskCommand.EXIT_FAILED;
        } finally {
            held.release(true);
        }
    }

    /**
     * JavaFX warns on every start that it was loaded from the class path, not as modules: the jar
     * and its lib/ folder are built that way on purpose (see docs/architecture.md), so that one
     * record is dropped; every other JavaFX warning still shows.
     */
    private static void quietUnnamedModuleWarning() {
        DroppedLogRecords.startingWith("javafx", "Unsupported JavaFX configuration");
    }
}
