package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged launcher and jar (failsafe, after {@code mvn package}): what a person or a script
 * runs. Each process gets a bounded wait and is killed if it overstays.
 */
class LauncherIT {
    private static final long TIMEOUT_SECONDS = 60;
    private static final Path TARGET = Path.of(System.getProperty("basedir", ".")).resolve("target").toAbsolutePath();
    private static final String JAVA_HOME = System.getProperty("java.home");

    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    @Test
    void launcherScriptPrintsTheVersion() throws Exception {
        Run run = launcher("--version");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the version comes from the jar manifest: "dev" would mean the manifest entries are missing
        assertThat(run.out().strip()).matches("wifdesk \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void launcherScriptPrintsHelp() throws Exception {
        Run run = launcher("--help");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: wifdesk").contains("--version").contains("--help")
                .contains("Workload Identity Federation");
    }

    @Test
    void jarRunsOnItsOwnWithTheLibFolder() throws Exception {
        Run run = exec(List.of(java(), "-jar", TARGET.resolve("wifdesk.jar").toString(), "--version"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).matches("wifdesk \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void unknownOptionExitsTwoWithOneLineOnStderr() throws Exception {
        Run run = launcher("--bogus");
        assertThat(run.exitCode()).isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("--bogus").doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownOptionThroughTheJarAlsoExitsTwo() throws Exception {
        Run run = exec(List.of(java(), "-jar", TARGET.resolve("wifdesk.jar").toString(), "--bogus"));
        assertThat(run.exitCode()).isEqualTo(WifdeskCommand.EXIT_BAD_INPUT);
        assertThat(run.errLines()).hasSize(1);
    }

    private static Run launcher(String... args) throws Exception {
        Path script = TARGET.resolve("wifdesk/bin/wifdesk");
        assertThat(script).as("mvn package copies installer/wifdesk.sh here").isRegularFile();
        assertThat(Files.isExecutable(script)).as("launcher is executable").isTrue();
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(args));
        return exec(command);
    }

    private static String java() {
        return Path.of(JAVA_HOME, "bin", "java").toString();
    }

    private static Run exec(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(TARGET.toFile());
        pb.environment().put("JAVA_HOME", JAVA_HOME); // the launcher uses it; same JDK as the test
        pb.environment().remove("WIFDESK_JAVA_OPTS");
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
