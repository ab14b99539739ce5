package dev.wifdesk.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery -> jwks_uri -> keys, with the https issuer mapped onto a loopback server (as in sandbox mode). */
class OidcJwksSourceTest {
    private static final String ISSUER = "https://issuer.example.test";
    private HttpServer server;
    private String discovery;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        discovery = "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + ISSUER + "/oauth/discovery/keys\"}";
        server.createContext("/.well-known/openid-configuration", ex -> reply(ex, discovery));
        server.createContext("/oauth/discovery/keys", ex -> reply(ex, "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"n\":\"AQAB\",\"e\":\"AQAB\"}]}"));
        server.start();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OidcJwksSource source() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return OidcJwksSource.sandbox(u -> u.toString().startsWith(ISSUER)
                ? Optional.of(base.resolve(u.getRawPath())) : Optional.empty());
    }

    @Test
    void followsTheDiscoveryDocumentToTheKeys() throws IOException {
        assertThat(source().fetch(ISSUER + "/")).contains("\"kid\":\"k1\"");
    }

    @Test
    void aDiscoveryDocumentWithoutJwksUriIsAClearError() {
        discovery = "{\"issuer\":\"" + ISSUER + "\"}";
        assertThatThrownBy(() -> source().fetch(ISSUER)).isInstanceOf(IOException.class)
                .hasMessage("the discovery document of " + ISSUER + " has no jwks_uri");
    }

    @Test
    void aPlainHttpIssuerIsRefused() {
        assertThatThrownBy(() -> OidcJwksSource.direct().fetch("http://127.0.0.1:1")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("refusing a non-https issuer URL");
    }

    @Test
    void inSandboxModeAnIssuerTheSandboxDoesNotServeIsNeverFetched() {
        assertThatThrownBy(() -> source().fetch("https://gitlab.com")).isInstanceOf(IOException.class)
                .hasMessageContaining("the sandbox does not serve the issuer");
    }

    @Test
    void aHugeKeysAnswerIsCutOffAtTheLimitNotReadWhole() {
        long offered = 64L * 1024 * 1024;
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.CountDownLatch served = new java.util.concurrent.CountDownLatch(1);
        server.createContext("/oauth/discovery/huge", ex -> {
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                ex.sendResponseHeaders(200, offered);
                for (long n = 0; n < offered; n += chunk.length) {
                    ex.getResponseBody().write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException clientWentAway) {
                // the client stopped reading: what this test wants
            } finally {
                served.countDown();
                ex.close();
            }
        });
        discovery = "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + ISSUER + "/oauth/discovery/huge\"}";

        assertThatThrownBy(() -> source().fetch(ISSUER)).isInstanceOf(IOException.class)
                .hasMessageEndingWith("sent more than 262144 bytes");
        try {
            assertThat(served.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        // the client hung up early: far less than the 64 MB offered was ever sent
        assertThat(written.get()).isLessThan(offered);
    }
}
