package dev.wifdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class IssuerDirectoryTest {

    @Test
    void rewritesUrlsUnderARegisteredIssuerOnly() {
        IssuerDirectory dir = new IssuerDirectory();
        dir.register("https://gitlab.sandbox.wifdesk.test/", URI.create("http://127.0.0.1:4321"));

        assertThat(dir.rewrite(URI.create("https://gitlab.sandbox.wifdesk.test/.well-known/openid-configuration")))
                .contains(URI.create("http://127.0.0.1:4321/.well-known/openid-configuration"));
        assertThat(dir.rewrite(URI.create("https://gitlab.sandbox.wifdesk.test"))).contains(URI.create("http://127.0.0.1:4321"));
        assertThat(dir.rewrite(URI.create("https://gitlab.sandbox.wifdesk.test.evil.example/keys"))).isEmpty();
        assertThat(dir.rewrite(URI.create("https://gitlab.com/oauth/discovery/keys"))).isEmpty();
        assertThat(dir.isRegistered("https://gitlab.sandbox.wifdesk.test")).isTrue();
    }

    @Test
    void longestIssuerWinsAndHttpIssuersAreRefused() {
        IssuerDirectory dir = new IssuerDirectory();
        dir.register("https://auth.example.test", URI.create("http://127.0.0.1:1"));
        dir.register("https://auth.example.test/oidc/acme", URI.create("http://127.0.0.1:2/acme"));
        assertThat(dir.rewrite(URI.create("https://auth.example.test/oidc/acme/keys")))
                .contains(URI.create("http://127.0.0.1:2/acme/keys"));
        assertThat(dir.rewrite(URI.create("https://auth.example.test/other"))).contains(URI.create("http://127.0.0.1:1/other"));
        assertThatThrownBy(() -> dir.register("http://plain.example", URI.create("http://127.0.0.1:3")))
                .hasMessageContaining("https");
    }
}
