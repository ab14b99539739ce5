import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds target/wifdesk.jsa, the class-data sharing archive the launcher uses (run by mvn package:
 * java installer/cds/CdsTraining.java TARGET_DIR). The training runs record the classes they load:
 * one diagnose on installer/cds/; an apply (which plans first) of installer/cds/spec.yaml against a
 * {@code wifdesk sandbox serve} of its own (loopback only: the Google and GitLab clients, CEL,
 * the planner and the executor); and, when a display is available, one GUI start
 * (wifdesk --measure-startup, which opens the window and closes it at its first frame). Their
 * class lists are merged into one static archive, so both the command line and the window start
 * from it. Without a display the GUI run is skipped and the archive covers the command line only.
 */
public final class CdsTraining {
    private static final long TIMEOUT_SECONDS = 180;

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        Path cds = Files.createDirectories(target.resolve("cds"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = target.resolve("wifdesk.jar").toString();
        Path in = Path.of("installer", "cds");

        List<Path> lists = new ArrayList<>();
        // the setup runs' sandbox starts now, so its JVM comes up while diagnose trains
        Process sandbox = new ProcessBuilder(java, "-jar", jar, "sandbox", "serve")
                .redirectErrorStream(true).start();
        try {
            Path diagnose = cds.resolve("diagnose.classlist");
            int rc = run(List.of(java, "-XX:DumpLoadedClassList=" + diagnose, "-jar", jar, "diagnose",
                    "--claims", in.resolve("claims.json").toString(), "--provider", in.resolve("provider.json").toString(),
                    "--error", in.resolve("error.txt").toString(), "--project-number", "428617359021", "--format", "json"));
            if (rc > 1) { // 1: the training input has findings, as intended
                throw new IllegalStateException("diagnose training run exited " + rc);
            }
            lists.add(diagnose);
            lists.add(applyRun(java, jar, cds, in.resolve("spec.yaml"), sandbox));
        } finally {
            sandbox.destroyForcibly(); // its state is in memory: nothing to flush (a graceful stop took ~3 s)
            sandbox.waitFor(10, TimeUnit.SECONDS);
        }

        if (displayAvailable()) {
            Path gui = cds.resolve("gui.classlist");
            int rc = run(List.of(java, "-XX:DumpLoadedClassList=" + gui, "-jar", jar, "--measure-startup"));
            if (rc == 0) {
                lists.add(gui);
            } else {
                System.out.println("GUI training run exited " + rc + ": the archive covers the command line only");
            }
        } else {
            System.out.println("no display (DISPLAY unset): GUI training skipped, the archive covers the command line only");
        }

        Path merged = cds.resolve("wifdesk.classlist");
        Set<String> all = new LinkedHashSet<>(); // the runs share most of their classes
        for (Path list : lists) {
            all.addAll(Files.readAllLines(list, StandardCharsets.UTF_8));
        }
        Files.write(merged, all, StandardCharsets.UTF_8);
        Path archive = target.resolve("wifdesk.jsa");
        Files.deleteIfExists(archive);
        int rc = run(List.of(java, "-Xshare:dump", "-Xlog:cds=off", "-XX:SharedClassListFile=" + merged,
                "-XX:SharedArchiveFile=" + archive, "-cp", jar));
        if (rc != 0 || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("archive dump exited " + rc);
        }
        System.out.println("archive " + archive + " from " + lists.size() + " training run(s), " + all.size() + " class-list lines");
    }

    /**
     * An apply of {@code spec} against a fresh sandbox (another JVM, not recorded): it plans first, so
     * it loads what plan loads (a separate plan run added 3 classes for 3 s). The sandbox's operations
     * are done at once: holding them would add a second of polls for a handful of classes.
     */
    private static Path applyRun(String java, String jar, Path cds, Path spec, Process sandbox) throws Exception {
        sandbox.getOutputStream().close();
        String google = sandboxGoogleUrl(sandbox);
        Path apply = cds.resolve("apply.classlist");
        Path audit = cds.resolve("audit.jsonl");
        Files.deleteIfExists(audit);
        int rc = run(List.of(java, "-XX:DumpLoadedClassList=" + apply, "-jar", jar, "apply", "--spec", spec.toString(),
                "--sandbox", google, "--yes", "--format", "json", "--audit-log", audit.toString()));
        if (rc != 0) {
            throw new IllegalStateException("apply training run exited " + rc);
        }
        return apply;
    }

    /** The sandbox's first output line is its JSON; its google URL is what --sandbox takes. */
    private static String sandboxGoogleUrl(Process sandbox) throws IOException {
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        var url = line == null ? null : java.util.regex.Pattern.compile("\"google\"\\s*:\\s*\"([^\"]+)\"").matcher(line);
        if (url == null || !url.find()) {
            throw new IllegalStateException("the training sandbox did not start: " + line);
        }
        System.out.println("training sandbox at " + url.group(1));
        Thread drain = new Thread(() -> out.lines().forEach(l -> { })); // whatever else it prints must not block it
        drain.setDaemon(true);
        drain.start();
        return url.group(1);
    }

    private static boolean displayAvailable() {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            return true; // macOS and Windows always have one for a desktop build
        }
        String display = System.getenv("DISPLAY");
        String wayland = System.getenv("WAYLAND_DISPLAY");
        return (display != null && !display.isBlank()) || (wayland != null && !wayland.isBlank());
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        System.out.println("$ " + String.join(" ", command));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            System.out.println("timed out after " + TIMEOUT_SECONDS + " s");
            return -1;
        }
        return p.exitValue();
    }
}
