package dev.wifdesk.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.wifdesk.diagnose.Diagnosis;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.diagnose.DiagnosisInput;
import dev.wifdesk.diagnose.IamPolicy;
import dev.wifdesk.diagnose.PoolInfo;
import dev.wifdesk.diagnose.ProviderInfo;
import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Diagnostics speed (not a test; excluded from surefire). Run (the pom pins exec's mainClass to
 * {@code ${main.class}}, so {@code -Dexec.mainClass} would run the app instead):
 * {@code mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dmain.class=dev.wifdesk.bench.DiagnoseBench}
 * <ol>
 * <li>warm: one signed token through every stage (signature, mapping, condition, binding, CI config), median and p99;</li>
 * <li>the same for a token the condition rejects (the explainer evaluates every sub-expression);</li>
 * <li>cold start: {@code java -cp ... dev.wifdesk.Main diagnose --claims ... --provider ...} against {@code java -version}.</li>
 * </ol>
 */
public final class DiagnoseBench {
    private static final int WARMUP = 3000;
    private static final int RUNS = 5000;
    private static final int LAUNCHES = 10;

    private DiagnoseBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", java " + System.getProperty("java.version"));
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-key").generate();
        String ok = sign(key, claims("main-protected"));
        String rejected = sign(key, claims("feature-unprotected"));
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        DiagnosisInput.Builder base = DiagnosisInput.builder()
                .jwksJson(jwks)
                .provider(ProviderInfo.fromJson(text("provider-gitlab-com.json")))
                .pool(PoolInfo.fromJson(text("pool-active.json")))
                .policy(IamPolicy.fromJson(text("policy-ok.json")))
                .ciConfig(text("gitlab-ci-ok.yml"))
                .now(Instant.parse("2026-11-25T18:01:00Z"));
        DiagnosisEngine engine = new DiagnosisEngine();
        warm("all stages, verdict pass", engine, base.token(ok).build());
        warm("all stages, condition false (explained)", engine, base.token(rejected).build());
        coldStart();
    }

    private static void warm(String name, DiagnosisEngine engine, DiagnosisInput input) {
        Diagnosis d = engine.diagnose(input);
        for (int i = 0; i < WARMUP; i++) {
            engine.diagnose(input);
        }
        long[] ns = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            engine.diagnose(input);
            ns[i] = System.nanoTime() - t;
        }
        Arrays.sort(ns);
        System.out.printf(Locale.ROOT, "warm %-42s median %.3f ms  p99 %.3f ms  (verdict %s, %d findings, %d runs)%n", name,
                ns[RUNS / 2] / 1e6, ns[(int) (RUNS * 0.99)] / 1e6, d.verdict(), d.findings().size(), RUNS);
    }

    private static void coldStart() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = classpath();
        Path dir = Files.createTempDirectory("wifdesk-bench");
        Path claims = Files.writeString(dir.resolve("claims.json"), text("claims/main-protected.json"));
        Path provider = Files.writeString(dir.resolve("provider.json"), text("provider-gitlab-com.json"));
        List<String> diagnose = List.of(java, "-cp", cp, "dev.wifdesk.Main", "diagnose", "--claims", claims.toString(),
                "--provider", provider.toString(), "--now", "2026-11-25T18:01:00Z", "--format", "json");
        long[] bare = launches(List.of(java, "-version"));
        long[] cli = launches(diagnose);
        System.out.printf(Locale.ROOT, "cold java -version            median %4d ms  min %4d ms  max %4d ms  (%d launches)%n",
                bare[LAUNCHES / 2], bare[0], bare[LAUNCHES - 1], LAUNCHES);
        System.out.printf(Locale.ROOT, "cold wifdesk diagnose (json)  median %4d ms  min %4d ms  max %4d ms  (%d launches)%n",
                cli[LAUNCHES / 2], cli[0], cli[LAUNCHES - 1], LAUNCHES);
        for (Path p : List.of(claims, provider)) {
            Files.deleteIfExists(p);
        }
        Files.deleteIfExists(dir);
    }

    private static long[] launches(List<String> command) throws Exception {
        long[] ms = new long[LAUNCHES];
        for (int i = 0; i < LAUNCHES; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            int code = p.waitFor();
            ms[i] = (System.nanoTime() - t) / 1_000_000;
            if (code != 0) {
                throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(5, command.size())))
                        + "... exited " + code);
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    /** exec:java runs us in a URLClassLoader holding the test classpath; java.class.path is Maven's own. */
    private static String classpath() {
        List<String> parts = new ArrayList<>();
        ClassLoader cl = DiagnoseBench.class.getClassLoader();
        while (cl != null) {
            if (cl instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    parts.add(new File(url.getPath()).getPath());
                }
            }
            cl = cl.getParent();
        }
        return parts.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, parts);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(String name) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(text("claims/" + name + ".json"), Map.class);
    }

    private static String sign(RSAKey key, Map<String, Object> claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                JWTClaimsSet.parse(claims));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String text(String name) throws Exception {
        try (InputStream in = DiagnoseBench.class.getResourceAsStream("/diagnose/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
