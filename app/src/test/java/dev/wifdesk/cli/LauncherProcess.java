package dev.wifdesk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs a packaged command (launcher script or {@code java -jar}) as a process with a bounded wait, for the ITs. */
final class LauncherProcess {
    static final Path TARGET = Path.of(System.getProperty("basedir", ".")).resolve("target").toAbsolutePath();
    static final String JAVA_HOME = System.getProperty("java.home");

    private LauncherProcess() {
    }

    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Path launcherScript() {
        return TARGET.resolve("wifdesk/bin/wifdesk");
    }

    static String java() {
        return Path.of(JAVA_HOME, "bin", "java").toString();
    }

    /** {@code environment} may adjust the child's environment (e.g. remove DISPLAY). */
    static Run exec(List<String> command, long timeoutSeconds, Consumer<Map<String, String>> environment) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(TARGET.toFile());
        pb.environment().put("JAVA_HOME", JAVA_HOME); // the launcher uses it; same JDK as the test
        pb.environment().remove("WIFDESK_JAVA_OPTS");
        environment.accept(pb.environment());
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        return new Run(p.exitValue(), out.get(timeoutSeconds, TimeUnit.SECONDS), err.get(timeoutSeconds, TimeUnit.SECONDS));
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
