package dev.wifdesk.sandbox.gitlab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /sandbox/info}: the serve JSON (base URLs, issuer, seeded project, the fake
 * loopback-only tokens), so a client given one sandbox URL learns the rest. Mountable on any
 * {@code com.sun.net.httpserver} server, e.g. the Google side's through a context hook.
 */
public final class SandboxInfoHandler implements HttpHandler {
    /** Where it is served: the path its client, {@link dev.wifdesk.cloud.SandboxInfo}, asks. */
    public static final String PATH = dev.wifdesk.cloud.SandboxInfo.PATH;

    private final Supplier<String> json;

    public SandboxInfoHandler(Supplier<String> json) {
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean read = method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD");
            boolean exact = exchange.getRequestURI().getRawPath().equals(PATH);
            int status = !exact ? 404 : read ? 200 : 405;
            String body = !exact ? "{\"error\":\"404 Not Found\"}" : read ? json.get() : "{\"error\":\"405 Not Allowed\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean bodiless = method.equalsIgnoreCase("HEAD");
            exchange.sendResponseHeaders(status, bodiless ? -1 : bytes.length);
            if (!bodiless) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
