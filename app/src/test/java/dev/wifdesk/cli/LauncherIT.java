package dev.wifdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cli.LauncherProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged launcher and jar (failsafe, after {@code mvn package}): what a person or a script
 * runs. Each process gets a bounded wait and is killed if it overstays.
 */
class LauncherIT {
    private static final long TIMEOUT_SECONDS = 60;
    private static final Path TARGET = LauncherProcess.TARGET;

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

    @Test
    void shortCommandsRunOnOneC1ThreadAndTheSandboxKeepsTheDefaultCompilers() throws Exception {
        // benchmarks.md, "Setup apply": C1 alone halves the CPU of a few-second command, one compiler thread leaves a core to it
        Run version = LauncherProcess.exec(List.of(LauncherProcess.launcherScript().toString(), "--version"), TIMEOUT_SECONDS,
                env -> env.put("WIFDESK_JAVA_OPTS", "-XX:+PrintFlagsFinal"));
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).containsPattern("TieredStopAtLevel\\s+= 1\\s").containsPattern("CICompilerCount\\s+= 1\\s");
        Run sandbox = LauncherProcess.exec(List.of(LauncherProcess.launcherScript().toString(), "sandbox", "--help"),
                TIMEOUT_SECONDS, env -> env.put("WIFDESK_JAVA_OPTS", "-XX:+PrintFlagsFinal"));
        assertThat(sandbox.exitCode()).as(sandbox.err()).isZero();
        assertThat(sandbox.out()).containsPattern("TieredStopAtLevel\\s+= 4\\s").doesNotContainPattern("CICompilerCount\\s+= 1\\s");
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
        return LauncherProcess.java();
    }

    private static Run exec(List<String> command) throws Exception {
        return LauncherProcess.exec(command, TIMEOUT_SECONDS, env -> { });
    }
}
