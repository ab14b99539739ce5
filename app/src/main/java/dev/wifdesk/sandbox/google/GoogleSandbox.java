package dev.wifdesk.sandbox.google;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cel.FederationEvaluator;
import dev.wifdesk.sandbox.IssuerDirectory;
import dev.wifdesk.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Google side of the sandbox: one HTTP server on 127.0.0.1 serving each Google host under a
 * path prefix named after it ({@code /iam.googleapis.com/v1/...}, {@code /sts.googleapis.com/v1/token},
 * ...), so the official clients run against it unchanged through {@code SandboxRouting}.
 * Seeded with project {@code sandbox-project} (428617359021) owned by
 * {@code operator@wifdesk-sandbox.example}, whose bearer token is {@link #operatorToken()} (new
 * on every start; tokens are never persisted), the IAM, IAM Credentials, STS, Dataflow, Resource
 * Manager and Service Usage APIs enabled, and the Compute Engine default service account.
 *
 * <p>Knobs ({@link SandboxOptions}): {@code latencyMs} before every answer; {@code lroDelayMs} how
 * long operations stay {@code done:false} (also one Dataflow job state step, 1 s when 0);
 * {@code faults} (syntax in {@link FaultPlan}); {@code iamPropagationMs} before a new IAM binding counts
 * in permission checks ({@link Propagation}); {@code stateDir} for a JSON snapshot written after
 * every change and read at start. An invalid fault spec is an {@link IllegalArgumentException}
 * naming the entry; an unreadable snapshot a {@link dev.wifdesk.sandbox.SandboxStateException} naming the file.
 */
public final class GoogleSandbox implements AutoCloseable {
    private static final int THREADS = 8;
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;
    private final String operatorToken;
    private final URI baseUrl;
    private final Router router;
    private final FaultPlan faults;

    private GoogleSandbox(HttpServer server, ExecutorService executor, String operatorToken, Router router,
                          FaultPlan faults) {
        this.router = router;
        this.faults = faults;
        this.server = server;
        this.executor = executor;
        this.operatorToken = operatorToken;
        this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public static GoogleSandbox start(SandboxOptions options, IssuerDirectory issuers) {
        return start(options, issuers, Clock.systemUTC());
    }

    /** With an explicit clock: tests move time forward instead of sleeping. */
    static GoogleSandbox start(SandboxOptions options, IssuerDirectory issuers, Clock clock) {
        // the JDK server writes headers and body separately; with Nagle on, each answer waits for a
        // delayed ACK (~40 ms). Read once when the first JDK HttpServer starts in this JVM.
        // A stalled client must not hold a worker forever: bound request and response times (seconds).
        for (String[] p : new String[][] {{NODELAY_PROPERTY, "true"}, {"sun.net.httpserver.maxReqTime", "60"},
                {"sun.net.httpserver.maxRspTime", "60"}}) {
            if (System.getProperty(p[0]) == null) {
                System.setProperty(p[0], p[1]);
            }
        }
        FaultPlan faults = FaultPlan.parse(options.faults());
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        SandboxState state = new SandboxState(mapper, clock, options.stateDir(), Seed.initial());
        TokenStore tokens = new TokenStore();
        String operatorToken = "sandbox-operator-" + randomHex(12);
        tokens.register(operatorToken, Identity.user(Seed.OPERATOR_EMAIL));

        Authenticator auth = new Authenticator(tokens, state);
        IamConditions conditions = new IamConditions();
        Propagation propagation = new Propagation(options.iamPropagationMs(), clock);
        Guard guard = new Guard(new Authorizer(conditions, clock), propagation, clock);
        ServiceGate gate = new ServiceGate(state, auth);
        Operations operations = new Operations(options.lroDelayMs());
        CelEngine cel = new CelEngine();
        IamPolicies policies = new IamPolicies(conditions, propagation);

        Router router = new Router(mapper, faults, options.latencyMs())
                .add(gate.gated(new WorkloadIdentityPoolsApi(state, auth, guard, operations).routes()))
                .add(gate.gated(new WorkloadIdentityProvidersApi(state, auth, guard, operations, new ProviderRules(cel)).routes()))
                .add(gate.gated(new ServiceAccountsApi(state, auth, guard, policies, faults).routes()))
                .add(gate.gated(new ServiceAccountKeysApi(state, auth, guard).routes()))
                .add(new ResourceManagerApi(state, auth, guard, policies, faults).routes())
                .add(new ServiceUsageApi(state, auth, guard, operations).routes())
                .add(new IamCredentialsApi(state, auth, guard, tokens).routes())
                .add(gate.gated(new DataflowApi(state, auth, guard, options.lroDelayMs()).routes()))
                .add(new StsApi(state, tokens, new IssuerKeys(issuers, mapper, clock), new FederationEvaluator(cel)).routes());

        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        try {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 64);
            server.createContext("/", router);
            server.setExecutor(executor);
            server.start();
            return new GoogleSandbox(server, executor, operatorToken, router, faults);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the Google sandbox on 127.0.0.1:" + options.port()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Serves an extra sandbox-only path (e.g. {@code /sandbox/info}) beside the Google hosts. */
    public void mount(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    /**
     * Arms more faults on the running sandbox ({@link FaultPlan} syntax), after those of the options:
     * a test re-arms a once-only {@code concurrent-edit} per trial.
     *
     * @throws IllegalArgumentException naming the entry and the rule it breaks
     */
    public void addFaults(String spec) {
        faults.add(FaultPlan.parse(spec));
    }

    /** Requests served so far, by method, host and path with the ids masked (a bench's call count). */
    public java.util.SortedMap<String, Long> requestCounts() {
        return router.requestCounts();
    }

    /** {@code http://127.0.0.1:PORT}; hosts live under {@code /HOST.googleapis.com/}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public String operatorToken() {
        return operatorToken;
    }

    public String operatorEmail() {
        return Seed.OPERATOR_EMAIL;
    }

    public String projectId() {
        return Seed.PROJECT_ID;
    }

    public String projectNumber() {
        return Seed.PROJECT_NUMBER;
    }

    /** The Compute Engine default service account, Dataflow's default worker identity. */
    public String computeServiceAccount() {
        return Seed.COMPUTE_SA;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "google-sandbox-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
