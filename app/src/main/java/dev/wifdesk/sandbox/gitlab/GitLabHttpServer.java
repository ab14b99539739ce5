package dev.wifdesk.sandbox.gitlab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loopback HTTP server: OIDC discovery + JWKS at the root, the REST API under
 * {@code /api/v4}. Every failure becomes a GitLab-style JSON answer; nothing leaks a stack trace.
 */
final class GitLabHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GitLabHttpServer.class);
    private static final String API_PREFIX = "/api/v4";

    private final HttpServer server;
    private final ExecutorService executor;
    private final RestRoutes routes;
    private final OidcEndpoints oidc;
    private final long latencyMs;

    GitLabHttpServer(int port, long latencyMs, RestRoutes routes, OidcEndpoints oidc, SandboxInfoHandler info)
            throws IOException {
        this.routes = routes;
        this.oidc = oidc;
        this.latencyMs = latencyMs;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "sandbox-gitlab-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.createContext(SandboxInfoHandler.PATH, info);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Reply reply;
            try {
                simulateLatency();
                reply = route(exchange);
            } catch (ApiError e) {
                reply = Reply.json(e.status, e.body);
            } catch (RuntimeException e) {
                LOG.warn("sandbox GitLab failed on {} {}: {}", exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), e.getClass().getSimpleName());
                LOG.debug("sandbox GitLab failure", e);
                reply = Reply.json(500, Map.of("message", "500 Internal Server Error"));
            }
            send(exchange, reply);
        } catch (IOException e) {
            LOG.debug("sandbox GitLab client went away: {}", e.getMessage());
        }
    }

    private Reply route(HttpExchange exchange) throws ApiError {
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/")) {
            return routes.dispatch(ApiRequest.parse(exchange, path.substring(API_PREFIX.length())));
        }
        return oidc.handle(exchange.getRequestMethod(), path).orElseThrow(ApiError::noRoute);
    }

    private void simulateLatency() {
        if (latencyMs > 0) {
            try {
                Thread.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        var headers = exchange.getResponseHeaders();
        if (reply.contentType() != null) {
            headers.set("Content-Type", reply.contentType());
        }
        reply.headers().forEach(headers::set);
        headers.set("Cache-Control", "no-store");
        boolean bodiless = reply.status() == 204 || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), bodiless ? -1 : reply.body().length);
        if (!bodiless) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
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
}
