package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged launcher opening the GUI (failsafe, after {@code mvn package}), as a process with a
 * bounded wait: without a display it says what is missing and exits 2; with one (e.g. Xvfb),
 * {@code --measure-startup} prints its one line and exits 0.
 */
class GuiStartIT {
    private static final long TIMEOUT_SECONDS = 120;
    private static final Path TARGET = Path.of(System.getProperty("basedir", ".")).resolve("target").toAbsolutePath();

    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

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
    }

    private static Run launcher(boolean withDisplay, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(TARGET.resolve("wifdesk/bin/wifdesk").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(TARGET.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("WIFDESK_JAVA_OPTS");
        if (!withDisplay) {
            pb.environment().remove("DISPLAY");
            pb.environment().remove("WAYLAND_DISPLAY");
        }
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Run(p.exitValue(), out.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), err.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
