package dev.wifdesk.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Start-up time of the GUI against a minimal JavaFX window (not a test; excluded from surefire).
 * Both print {@code startup-ms N} through the same probe ({@code ui.StartupProbe}: JVM start to the
 * first pulse after the window is shown) and run on the same JVM with the same flags and class path;
 * they are run interleaved, so the machine's load affects both alike. After
 * {@code mvn -B -q -DskipTests package}, with a display (e.g. {@code Xvfb :99 &} and {@code DISPLAY=:99}):
 * <pre>
 * java -cp target/test-classes dev.wifdesk.bench.StartupBench [runs] [launcher|plain]
 * </pre>
 * {@code launcher} (default): {@code target/wifdesk/bin/wifdesk --measure-startup} against the minimal
 * app started with the launcher's own JVM flags (the class-data archive included) and the jar's class
 * path; {@code plain}: {@code java -cp target/wifdesk.jar:target/test-classes} with no flags for both.
 */
public final class StartupBench {
    private static final String PREFIX = "startup-ms ";
    /** The app's second figure, on stderr: its full shell's first frame (the first frame is the light start-up view). */
    private static final String SHELL_PREFIX = "shell-ms ";
    private static final long TIMEOUT_SECONDS = 120;
    /** What {@code installer/wifdesk.sh} passes when the archive exists; checked against the script below. */
    private static final List<String> LAUNCHER_FLAGS = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        boolean plain = args.length > 1 && args[1].equals("plain");
        if (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank()) {
            System.err.println("StartupBench needs a display: Xvfb :99 & then DISPLAY=:99");
            System.exit(2);
        }
        Path target = Path.of("target").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = target.resolve("wifdesk.jar") + File.pathSeparator + target.resolve("test-classes");
        List<String> app;
        List<String> minimal = new ArrayList<>(List.of(java));
        if (plain) {
            app = List.of(java, "-cp", classPath, "dev.wifdesk.Main", "--measure-startup");
        } else {
            Path launcher = target.resolve("wifdesk/bin/wifdesk");
            app = List.of(launcher.toString(), "--measure-startup");
            minimal.addAll(launcherFlags(launcher, target.resolve("wifdesk.jsa")));
        }
        minimal.addAll(List.of("-cp", classPath, "dev.wifdesk.bench.MinimalFxApp"));

        System.out.printf(Locale.ROOT, "cores %d, java %s, %s %s; load before %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"), load());
        System.out.println("app:     " + String.join(" ", app));
        System.out.println("minimal: " + String.join(" ", minimal));
        measure(app);
        measure(minimal); // one warm-up each (file cache), not counted
        long[] a = new long[runs];
        long[] m = new long[runs];
        long[] shell = new long[runs];
        for (int i = 0; i < runs; i++) {
            // alternate which goes first, so neither always follows the other
            long[] appRun;
            if (i % 2 == 0) {
                appRun = measureBoth(app);
                m[i] = measure(minimal);
            } else {
                m[i] = measure(minimal);
                appRun = measureBoth(app);
            }
            a[i] = appRun[0];
            shell[i] = appRun[1];
            System.out.printf(Locale.ROOT, "run %2d: app %5d ms (shell %5d ms), minimal %5d ms%n", i + 1, a[i], shell[i], m[i]);
        }
        long am = median(a);
        long mm = median(m);
        System.out.printf(Locale.ROOT, "load after %s%n", load());
        System.out.printf(Locale.ROOT, "app     median %d ms (%d-%d)%n", am, min(a), max(a));
        System.out.printf(Locale.ROOT, "app full shell median %d ms (%d-%d)%n", median(shell), min(shell), max(shell));
        System.out.printf(Locale.ROOT, "minimal median %d ms (%d-%d)%n", mm, min(m), max(m));
        System.out.printf(Locale.ROOT, "ratio %.2f over %d runs each%n", (double) am / mm, runs);
    }

    /** The launcher's flags, refusing to run if the script no longer passes them (the comparison would be unfair). */
    private static List<String> launcherFlags(Path launcher, Path archive) throws IOException {
        String script = Files.readString(launcher);
        for (String flag : LAUNCHER_FLAGS) {
            if (!script.contains(flag)) {
                throw new IllegalStateException(launcher + " no longer passes " + flag + ": update StartupBench");
            }
        }
        List<String> flags = new ArrayList<>();
        if (Files.isRegularFile(archive)) {
            flags.add("-XX:SharedArchiveFile=" + archive);
            flags.addAll(LAUNCHER_FLAGS);
        }
        String extra = System.getenv("WIFDESK_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            flags.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        return flags;
    }

    private static long measure(List<String> command) throws Exception {
        return measureBoth(command)[0];
    }

    /** {@code startup-ms} (stdout) and {@code shell-ms} (stderr; -1 when not printed) of one run. */
    private static long[] measureBoth(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home")); // the launcher uses it: the same JVM for both
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String text = out.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long startup = figure(text, PREFIX).orElseThrow(() -> new IllegalStateException(command + " exited "
                + p.exitValue() + " without a '" + PREFIX + "' line: " + text));
        return new long[] {startup, figure(err.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), SHELL_PREFIX).orElse(-1L)};
    }

    private static java.util.Optional<Long> figure(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Long.parseLong(l.substring(prefix.length()).strip()));
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
