package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cli.LauncherProcess.Run;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged launcher opening the GUI (failsafe, after {@code mvn package}), as a process with a
 * bounded wait: without a display it says what is missing and exits 2; with one (e.g. Xvfb),
 * {@code --measure-startup} prints its one line and exits 0, and on stderr when the full shell
 * (which follows the light start-up view) had its first frame.
 */
class GuiStartIT {
    private static final long TIMEOUT_SECONDS = 120;

    @Test
    void withoutADisplayItSaysWhatIsMissingAndExitsTwo() throws Exception {
        Run run = launcher(false);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(run.errLines()).hasSizeBetween(1, 3);
        assertThat(run.err()).contains("no display").contains("DISPLAY")
                .contains("wifdesk diagnose").contains("wifdesk sandbox serve")
                // no stack trace, no exception names, no JavaFX warning noise
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("WARNING");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void withADisplayMeasureStartupPrintsOneLineAndExitsZero() throws Exception {
        String display = System.getenv("DISPLAY");
        Assumptions.assumeTrue(display != null && !display.isBlank(), "needs a display (e.g. Xvfb :99, DISPLAY=:99)");
        Run run = launcher(true, "--measure-startup");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).singleElement().asString().matches("startup-ms \\d+");
        long firstFrame = Long.parseLong(run.out().strip().substring("startup-ms ".length()));
        String shell = run.errLines().stream().filter(l -> l.startsWith("shell-ms ")).findFirst().orElseThrow(
                () -> new AssertionError("no shell-ms line on stderr: " + run.err()));
        assertThat(shell).matches("shell-ms \\d+");
        assertThat(Long.parseLong(shell.substring("shell-ms ".length()))).as("the shell follows the first frame")
                .isGreaterThanOrEqualTo(firstFrame);
    }

    private static Run launcher(boolean withDisplay, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LauncherProcess.launcherScript().toString()));
        command.addAll(List.of(args));
        return LauncherProcess.exec(command, TIMEOUT_SECONDS, env -> {
            if (!withDisplay) {
                env.remove("DISPLAY");
                env.remove("WAYLAND_DISPLAY");
            }
        });
    }
}
