package dev.wifdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.plan.Reads;
import dev.wifdesk.plan.setup.SetupSandbox;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A fresh full {@code wifdesk apply} (the packaged launcher as its own process; the spec of
 * {@link SetupSandbox#SPEC}: pool, provider, three accounts with their policies, project roles,
 * GitLab variables in three scopes) against an in-process sandbox at 50 ms per call and 1 s per
 * long-running operation (not a test; excluded from surefire), after one apply that is not counted
 * (it warms the in-process sandbox). Reports the wall time against its
 * floor and the Google calls (counted by the sandbox) against the minimum. After
 * {@code mvn -B -q -DskipTests package}:
 * <pre>
 * java -cp target/wifdesk.jar:target/test-classes dev.wifdesk.bench.SetupApplyBench [runs]
 * </pre>
 * Floor = launcher start ({@code wifdesk --version}, median) + project lookup + pool create + its
 * operation + provider create + its operation; an operation costs the LRO delay plus the one poll
 * that sees it done; each call costs what a call measures here (median of 5 pool gets, ~latency).
 */
public final class SetupApplyBench {
    static final long LATENCY_MS = 50;
    static final long LRO_MS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    /**
     * The Google calls a perfect tool needs for this spec on a fresh project (22): to plan, project
     * get, services batchGet, pool get, provider get, 3 account gets, project getIamPolicy; to apply,
     * pool create + 1 operation get, provider create + 1 operation get, 3 account creates, 3 account
     * getIamPolicy (the etag of a new account's policy), 3 account setIamPolicy, 1 project
     * setIamPolicy (with the etag the plan read).
     */
    static final int MINIMUM_GOOGLE_CALLS = 22;

    private SetupApplyBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path launcher = TARGET.resolve("wifdesk/bin/wifdesk");
        if (!Files.isExecutable(launcher)) {
            System.err.println("no " + launcher + ": run mvn -B -q -DskipTests package first");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("setup-apply-bench");
        System.out.printf(Locale.ROOT, "cores %d, java %s, %s %s; load before %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"), load());
        run(List.of(launcher.toString(), "--version"), work); // warm the file cache
        long[] version = new long[5];
        for (int i = 0; i < version.length; i++) {
            version[i] = run(List.of(launcher.toString(), "--version"), work).millis;
        }
        long launcherMs = median(version);
        System.out.printf(Locale.ROOT, "launcher start (wifdesk --version): median %d ms of %s%n", launcherMs,
                Arrays.toString(version));

        Path spec = work.resolve("spec.yaml");
        Files.writeString(spec, SetupSandbox.SPEC);
        // the sandbox runs in this JVM: one apply first, not counted, so that every counted run meets a
        // sandbox whose code is compiled, as a real service's is (a cold one made each round's first run slowest)
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withLatencyMs(LATENCY_MS).withLroDelayMs(LRO_MS))) {
            Timed warm = run(applyCommand(launcher, sandbox, spec, work.resolve("audit-warm-up.jsonl")), work);
            System.out.printf(Locale.ROOT, "warm-up apply (not counted): %d ms, exit %d%n", warm.millis, warm.exit);
        }

        for (int r = 1; r <= runs; r++) {
            SandboxOptions options = SandboxOptions.defaults().withLatencyMs(LATENCY_MS).withLroDelayMs(LRO_MS);
            try (Sandbox sandbox = Sandbox.start(options)) {
                long callMs = callMillis(sandbox);
                long floor = launcherMs + callMs /* project */ + 2 * (callMs /* create */ + LRO_MS + callMs /* poll */);
                SortedMap<String, Long> before = sandbox.google().requestCounts();
                Timed apply = run(applyCommand(launcher, sandbox, spec, work.resolve("audit-" + r + ".jsonl")), work);
                SortedMap<String, Long> calls = minus(sandbox.google().requestCounts(), before);
                long total = calls.values().stream().mapToLong(Long::longValue).sum();
                JsonNode report = JSON.readTree(apply.out);
                if (apply.exit != 0) {
                    throw new IllegalStateException("apply failed (" + apply.exit + "): " + apply.err);
                }
                System.out.printf(Locale.ROOT, "run %d: apply %d ms (exit %d, %d changes); one call %d ms; floor %d ms;"
                                + " time ratio %.2f; Google calls %d, minimum %d, call ratio %.2f; GitLab mutating calls %d%n",
                        r, apply.millis, apply.exit, report.get("changes").asInt(), callMs, floor,
                        apply.millis / (double) floor, total, MINIMUM_GOOGLE_CALLS, total / (double) MINIMUM_GOOGLE_CALLS,
                        Files.readAllLines(work.resolve("audit-" + r + ".jsonl")).stream()
                                .filter(l -> l.contains("gitlab.projects.variables")).count());
                calls.forEach((shape, n) -> System.out.printf(Locale.ROOT, "    %3d  %s%n", n, shape));
            }
        }
        System.out.printf(Locale.ROOT, "load after %s%n", load());
    }

    private static List<String> applyCommand(Path launcher, Sandbox sandbox, Path spec, Path auditLog) {
        return List.of(launcher.toString(), "apply", "--spec", spec.toString(), "--sandbox",
                sandbox.google().baseUrl().toString(), "--yes", "--format", "json", "--audit-log", auditLog.toString());
    }

    /** What one call costs here: the median of 5 gets of a pool that does not exist (404, no body to speak of). */
    private static long callMillis(Sandbox sandbox) throws IOException {
        GoogleClients google = new GoogleClients(Target.sandbox(sandbox.google().baseUrl(),
                sandbox.google().operatorToken(), sandbox.google().operatorEmail()));
        var pools = google.iam().projects().locations().workloadIdentityPools();
        String name = "projects/" + sandbox.google().projectNumber() + "/locations/global/workloadIdentityPools/absent";
        Reads.find(() -> pools.get(name).execute()); // warm-up
        long[] ms = new long[5];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            Reads.find(() -> pools.get(name).execute());
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        return median(ms);
    }

    private record Timed(long millis, int exit, String out, String err) {
    }

    private static Timed run(List<String> command, Path work) throws Exception {
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        long t = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(TARGET.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 120 s");
        }
        long ms = (System.nanoTime() - t) / 1_000_000;
        return new Timed(ms, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static SortedMap<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        SortedMap<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            long n = v - before.getOrDefault(k, 0L);
            if (n > 0) {
                out.put(k, n);
            }
        });
        return out;
    }

    private static long median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String load() {
        try {
            List<String> parts = new ArrayList<>(List.of(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")));
            return String.join(" ", parts.subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
