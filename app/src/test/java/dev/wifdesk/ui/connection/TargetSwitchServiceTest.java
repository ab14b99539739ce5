package dev.wifdesk.ui.connection;

import dev.wifdesk.ui.EmbeddedSandboxLauncher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The target switch of {@link StartupConnectionService} with the real in-process sandbox: the
 * credential probe and the Google Cloud opener are injected (no network, the user's gcloud
 * files are never read).
 */
class TargetSwitchServiceTest {
    private final AtomicReference<Optional<GoogleCredentials>> adc = new AtomicReference<>(Optional.empty());
    private final List<Sandbox> started = new ArrayList<>();
    private final List<Sandbox> stopped = new ArrayList<>();
    private final Connection google = new Connection(Connection.TargetKind.GOOGLE_CLOUD, "ci@acme.iam.gserviceaccount.com",
            "ci@acme.iam.gserviceaccount.com", List.of(), Optional.empty());
    private final StartupConnectionService service = new StartupConnectionService(adc::get, () -> {
        Sandbox s = Sandbox.start(SandboxOptions.defaults());
        started.add(s);
        EmbeddedSandboxLauncher.Running running = new EmbeddedSandboxLauncher.Running(s);
        return new SandboxLauncher.RunningSandbox() {
            @Override
            public java.net.URI googleBase() {
                return running.googleBase();
            }

            @Override
            public String operatorToken() {
                return running.operatorToken();
            }

            @Override
            public String operatorEmail() {
                return running.operatorEmail();
            }

            @Override
            public String projectId() {
                return running.projectId();
            }

            @Override
            public Optional<SandboxGitLab> gitlab() {
                return running.gitlab();
            }

            @Override
            public void close() {
                stopped.add(s);
                running.close();
            }
        };
    }, credentials -> google);

    @AfterEach
    void close() {
        service.close();
    }

    private static String projectOf(Connection c) throws Exception {
        return c.clients().orElseThrow().resourceManager().projects().get("projects/sandbox-project").execute().getProjectId();
    }

    @Test
    void withoutAdcGoogleCloudIsRefusedInOneLineAndTheSandboxKeepsRunning() throws Exception {
        Connection sandbox = service.connect();
        assertThat(sandbox.target()).isEqualTo(Connection.TargetKind.SANDBOX);

        assertThatThrownBy(() -> service.connect(Connection.TargetKind.GOOGLE_CLOUD))
                .isInstanceOf(NoCredentialsException.class)
                .hasMessage("No Application Default Credentials: run gcloud auth application-default login");
        assertThat(stopped).isEmpty();
        assertThat(projectOf(sandbox)).isEqualTo("sandbox-project");

        // choosing the sandbox again reuses the running one
        Connection again = service.connect(Connection.TargetKind.SANDBOX);
        assertThat(started).hasSize(1);
        assertThat(again.sandboxGitLab().orElseThrow().baseUrl()).isEqualTo(sandbox.sandboxGitLab().orElseThrow().baseUrl());
        assertThat(again.sandboxGitLab().orElseThrow().minter()).isPresent();
    }

    @Test
    void leavingTheSandboxForGoogleCloudStopsItAndComingBackStartsAFreshOne() throws Exception {
        Connection sandbox = service.connect();
        adc.set(Optional.of(GoogleCredentials.create(new AccessToken("not-a-real-token", null))));

        assertThat(service.connect(Connection.TargetKind.GOOGLE_CLOUD)).isSameAs(google);
        assertThat(stopped).containsExactly(started.get(0));
        assertThatThrownBy(() -> projectOf(sandbox)).isInstanceOf(java.io.IOException.class);

        Connection back = service.connect(Connection.TargetKind.SANDBOX);
        assertThat(started).hasSize(2);
        assertThat(projectOf(back)).isEqualTo("sandbox-project");
    }

    @Test
    void atStartUpAdcPreselectsGoogleCloudAndStartsNoSandbox() throws Exception {
        adc.set(Optional.of(GoogleCredentials.create(new AccessToken("not-a-real-token", null))));
        assertThat(service.connect()).isSameAs(google);
        assertThat(started).isEmpty();
    }
}
