package dev.wifdesk.bench;

import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.SandboxRouting;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.sandbox.IssuerDirectory;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.google.GoogleSandbox;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throughput of the Google sandbox through the real clients: IAM pool get with the generated
 * {@code Iam} client, and STS exchanges with google-auth-library's IdentityPoolCredentials (JWT
 * signature check with an inline JWKS, CEL mapping and condition included). Not a test: run with (the
 * pom pins exec's mainClass to {@code ${main.class}}, so {@code -Dexec.mainClass} would run the app)
 * <pre>mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dmain.class=dev.wifdesk.bench.SandboxBench</pre>
 * Optional argument: seconds per measurement (default 5).
 */
public final class SandboxBench {
    private static final String ISSUER = "https://gitlab.bench.wifdesk.test";

    private SandboxBench() {
    }

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        try (GoogleSandbox sandbox = GoogleSandbox.start(SandboxOptions.defaults(), new IssuerDirectory())) {
            GoogleClients clients = new GoogleClients(Target.sandbox(sandbox.baseUrl(), sandbox.operatorToken(),
                    sandbox.operatorEmail()));
            Iam iam = clients.iam();
            var pools = iam.projects().locations().workloadIdentityPools();
            String parent = "projects/" + sandbox.projectId() + "/locations/global";
            pools.create(parent, new WorkloadIdentityPool().setDisplayName("Bench")).setWorkloadIdentityPoolId("bench")
                    .execute();
            RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
            pools.providers().create(ResourceNames.poolName(sandbox.projectNumber(), "bench"),
                    new WorkloadIdentityPoolProvider()
                            .setAttributeMapping(Map.of("google.subject", "assertion.sub",
                                    "attribute.project_path", "assertion.project_path"))
                            .setAttributeCondition("assertion.namespace_path == \"acme\"")
                            .setOidc(new Oidc().setIssuerUri(ISSUER).setJwksJson(new JWKSet(key.toPublicJWK()).toString())))
                    .setWorkloadIdentityPoolProviderId("gitlab").execute();
            String poolName = ResourceNames.poolName(sandbox.projectNumber(), "bench");
            String audience = ResourceNames.defaultAudiences(
                    ResourceNames.providerName(sandbox.projectNumber(), "bench", "gitlab")).get(0);
            Path jwtFile = Files.createTempFile("wifdesk-bench", ".jwt");
            jwtFile.toFile().deleteOnExit();
            Files.writeString(jwtFile, jwt(key, audience));
            byte[] config = ("{\"type\":\"external_account\",\"audience\":\"" + audience + "\","
                    + "\"subject_token_type\":\"urn:ietf:params:oauth:token-type:jwt\","
                    + "\"token_url\":\"https://sts.googleapis.com/v1/token\","
                    + "\"credential_source\":{\"file\":\"" + jwtFile.toString().replace("\\", "\\\\") + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            var transport = SandboxRouting.transport(sandbox.baseUrl());
            GoogleCredentials sts = GoogleCredentials.fromStream(new ByteArrayInputStream(config), () -> transport)
                    .createScoped(List.of("https://www.googleapis.com/auth/cloud-platform"));

            System.out.printf("machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
            report("IAM pool get (Iam client), 1 thread", measure(1, seconds, () -> pools.get(poolName).execute()));
            report("IAM pool get (Iam client), 4 threads", measure(4, seconds, () -> pools.get(poolName).execute()));
            report("STS exchange (google-auth IdentityPoolCredentials), 1 thread",
                    measure(1, seconds, sts::refreshAccessToken));
            report("STS exchange (google-auth IdentityPoolCredentials), 4 threads",
                    measure(4, seconds, sts::refreshAccessToken));
        }
    }

    private static String jwt(RSAKey key, String audience) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).subject("project_path:acme/pipelines:ref_type:branch:ref:main")
                        .audience(audience).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                        .claim("namespace_path", "acme").claim("project_path", "acme/pipelines").build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private record Result(long calls, double seconds, double meanMs) {
    }

    private static Result measure(int threads, long seconds, Call call) throws Exception {
        long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < warmupEnd) {
            call.run();
        }
        LongAdder calls = new LongAdder();
        LongAdder nanos = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    call.run();
                    nanos.add(System.nanoTime() - t0);
                    calls.increment();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(calls.sum(), elapsed, nanos.sum() / 1e6 / Math.max(1, calls.sum()));
    }

    private static void report(String what, Result r) {
        System.out.printf("%-62s %8.0f req/s   mean %6.2f ms   (%d calls in %.1f s)%n", what, r.calls() / r.seconds(),
                r.meanMs(), r.calls(), r.seconds());
    }
}
