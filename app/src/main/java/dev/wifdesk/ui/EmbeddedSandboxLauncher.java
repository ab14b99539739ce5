package dev.wifdesk.ui;

import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.connection.SandboxLauncher;
import java.net.URI;

/**
 * Starts the in-process sandbox (Google + GitLab sides) on loopback, free ports. Part of the
 * composition root (with {@link Wiring}): the only UI classes allowed to import {@code sandbox}.
 */
public final class EmbeddedSandboxLauncher implements SandboxLauncher {
    private final SandboxOptions options;

    public EmbeddedSandboxLauncher(SandboxOptions options) {
        this.options = options;
    }

    @Override
    public RunningSandbox start() {
        return new Running(Sandbox.start(options));
    }

    /** A started sandbox seen through the UI's {@link RunningSandbox}. */
    public record Running(Sandbox sandbox) implements RunningSandbox {
        @Override
        public URI googleBase() {
            return sandbox.google().baseUrl();
        }

        @Override
        public String operatorToken() {
            return sandbox.google().operatorToken();
        }

        @Override
        public String operatorEmail() {
            return sandbox.google().operatorEmail();
        }

        @Override
        public String projectId() {
            return sandbox.google().projectId();
        }

        @Override
        public java.util.Optional<SandboxGitLab> gitlab() {
            return java.util.Optional.of(new SandboxGitLab(sandbox.gitlab().baseUrl(), sandbox.gitlab().token(),
                    sandbox.gitlab().projectPath(), sandbox.issuers()::rewrite, sandbox.gitlab().issuer(),
                    java.util.Optional.of((audience, ref) -> sandbox.gitlab().mintIdToken(
                            dev.wifdesk.sandbox.gitlab.IdTokenRequest.forAudience(audience).withRef(ref)))));
        }

        @Override
        public void close() {
            sandbox.close();
        }
    }
}
