import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds target/wifdesk.jsa, the class-data sharing archive the launcher uses (run by mvn package:
 * java installer/cds/CdsTraining.java TARGET_DIR). Two training runs record the classes they load:
 * one diagnose on installer/cds/, and, when a display is available, one GUI start
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
        Path diagnose = cds.resolve("diagnose.classlist");
        int rc = run(List.of(java, "-XX:DumpLoadedClassList=" + diagnose, "-jar", jar, "diagnose",
                "--claims", in.resolve("claims.json").toString(), "--provider", in.resolve("provider.json").toString(),
                "--error", in.resolve("error.txt").toString(), "--project-number", "428617359021", "--format", "json"));
        if (rc > 1) { // 1: the training input has findings, as intended
            throw new IllegalStateException("diagnose training run exited " + rc);
        }
        lists.add(diagnose);

        if (displayAvailable()) {
            Path gui = cds.resolve("gui.classlist");
            rc = run(List.of(java, "-XX:DumpLoadedClassList=" + gui, "-jar", jar, "--measure-startup"));
            if (rc == 0) {
                lists.add(gui);
            } else {
                System.out.println("GUI training run exited " + rc + ": the archive covers the command line only");
            }
        } else {
            System.out.println("no display (DISPLAY unset): GUI training skipped, the archive covers the command line only");
        }

        Path merged = cds.resolve("wifdesk.classlist");
        List<String> all = new ArrayList<>();
        for (Path list : lists) {
            all.addAll(Files.readAllLines(list, StandardCharsets.UTF_8));
        }
        Files.write(merged, all, StandardCharsets.UTF_8);
        Path archive = target.resolve("wifdesk.jsa");
        Files.deleteIfExists(archive);
        rc = run(List.of(java, "-Xshare:dump", "-Xlog:cds=off", "-XX:SharedClassListFile=" + merged,
                "-XX:SharedArchiveFile=" + archive, "-cp", jar));
        if (rc != 0 || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("archive dump exited " + rc);
        }
        System.out.println("archive " + archive + " from " + lists.size() + " training run(s), " + all.size() + " class-list lines");
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
