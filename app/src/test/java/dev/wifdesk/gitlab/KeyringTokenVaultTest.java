package dev.wifdesk.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The real OS keyring through java-keyring. On this project's Linux machines there is no D-Bus
 * session, hence no Secret Service: every call must fail at once with a one-line reason, store
 * nothing and log no token. Where a keyring exists (a developer's desktop) the token round-trips
 * and is removed again.
 */
class KeyringTokenVaultTest {
    private static final String URL = "https://gitlab.keyring-test.invalid/";
    private final String token = "glpat-" + UUID.randomUUID();
    private final KeyringTokenVault vault = new KeyringTokenVault();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Logger root;
    private Level rootLevel;

    @BeforeEach
    void captureEveryLogLine() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL); // the libraries' debug lines too
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void restore() {
        root.detachAppender(logged);
        root.setLevel(rootLevel);
    }

    @Test
    void withoutAKeyringEveryCallFailsWithTheReasonAndTheTokenGoesNowhere() throws Exception {
        if (Keyrings.available()) {
            vault.store(URL, token);
            assertThat(vault.read("https://gitlab.keyring-test.invalid")).contains(token);
            vault.forget(URL);
            assertThat(vault.read(URL)).isEmpty();
        } else {
            Instant start = Instant.now();
            assertThatThrownBy(() -> vault.store(URL, token)).isInstanceOf(TokenVault.UnavailableException.class)
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain(token).doesNotContain("\n"));
            assertThatThrownBy(() -> vault.read(URL)).isInstanceOf(TokenVault.UnavailableException.class);
            assertThatThrownBy(vault::check).isInstanceOf(TokenVault.UnavailableException.class);
            assertThatThrownBy(() -> vault.forget(URL)).isInstanceOf(TokenVault.UnavailableException.class);
            assertThat(Duration.between(start, Instant.now())).as("fails at once, no D-Bus wait")
                    .isLessThan(Duration.ofSeconds(10));
        }
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains(token));
        assertThat(logged.list).extracting(e -> String.valueOf(e.getThrowableProxy() == null ? ""
                : e.getThrowableProxy().getMessage())).noneMatch(m -> m.contains(token));
    }

    @Test
    void theInMemoryVaultKeepsOneTokenPerInstanceAndTheUnavailableOneRefusesAll() throws Exception {
        InMemoryTokenVault memory = new InMemoryTokenVault();
        memory.store("https://gitlab.example.com/", token);
        assertThat(memory.read("https://gitlab.example.com")).contains(token);
        assertThat(memory.read("https://other.example.com")).isEqualTo(Optional.empty());
        memory.forget("https://gitlab.example.com");
        assertThat(memory.contents()).isEmpty();
        InMemoryTokenVault none = InMemoryTokenVault.unavailable("no D-Bus session");
        assertThatThrownBy(() -> none.store(URL, token)).hasMessage("no D-Bus session");
    }
}
