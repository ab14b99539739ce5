package dev.wifdesk.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.Operation;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.sandbox.IssuerDirectory;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.google.GoogleSandbox;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one IAM operation wait, against the sandbox's delayed long-running operations (real clock). */
class OperationsTest {

    private static GoogleSandbox start(long lroDelayMs) {
        return GoogleSandbox.start(SandboxOptions.defaults().withLroDelayMs(lroDelayMs), new IssuerDirectory());
    }

    private static Iam iam(GoogleSandbox s) {
        return new GoogleClients(Target.sandbox(s.baseUrl(), s.operatorToken(), s.operatorEmail())).iam();
    }

    private static Operation createPool(Iam iam, GoogleSandbox s, String id) throws IOException {
        return iam.projects().locations().workloadIdentityPools().create("projects/" + s.projectId() + "/locations/global",
                new WorkloadIdentityPool().setDisplayName(id)).setWorkloadIdentityPoolId(id).execute();
    }

    @Test
    void aPoolAndAProviderOperationAreFollowedUntilDone() throws Exception {
        try (GoogleSandbox sandbox = start(300)) {
            Iam iam = iam(sandbox);
            Operation created = createPool(iam, sandbox, "gitlab-ci");
            assertThat(created.getDone()).as("the sandbox delays the operation").isNotEqualTo(Boolean.TRUE);

            Operation done = new Operations(iam, Duration.ofSeconds(30)).await(created);
            assertThat(done.getDone()).isTrue();
            assertThat(done.getName()).isEqualTo(created.getName());
            String pool = ResourceNames.poolName(sandbox.projectNumber(), "gitlab-ci");
            assertThat(iam.projects().locations().workloadIdentityPools().get(pool).execute().getState()).isEqualTo("ACTIVE");

            Operation provider = iam.projects().locations().workloadIdentityPools().providers().create(pool,
                    new WorkloadIdentityPoolProvider().setOidc(new Oidc().setIssuerUri("https://gitlab.example.com"))
                            .setAttributeMapping(Map.of("google.subject", "assertion.sub")))
                    .setWorkloadIdentityPoolProviderId("gitlab").execute();
            assertThat(provider.getName()).contains("/providers/");
            assertThat(new Operations(iam, Duration.ofSeconds(30)).await(provider).getDone()).isTrue();
        }
    }

    @Test
    void anOperationStillRunningAtTheTimeoutIsAnErrorNamingIt() throws Exception {
        try (GoogleSandbox sandbox = start(60_000)) {
            Iam iam = iam(sandbox);
            Operation created = createPool(iam, sandbox, "gitlab-ci");

            Throwable t = catchThrowable(() -> new Operations(iam, Duration.ofMillis(200)).await(created, "the pool"));
            assertThat(t).isInstanceOf(IOException.class)
                    .hasMessage("the pool is still running after 0 s (" + created.getName() + ")");
        }
    }

    @Test
    void anInterruptStopsTheWaitAndKeepsTheFlag() throws Exception {
        try (GoogleSandbox sandbox = start(60_000)) {
            Iam iam = iam(sandbox);
            Operation created = createPool(iam, sandbox, "gitlab-ci");
            Thread.currentThread().interrupt();
            try {
                Throwable t = catchThrowable(() -> new Operations(iam, Duration.ofSeconds(30)).await(created, "the pool"));
                assertThat(t).isInstanceOf(InterruptedIOException.class).hasMessageContaining("the pool");
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void aDoneOperationIsReturnedWithoutPollingAndANullOneIsNothing() throws Exception {
        Operations ops = new Operations(null, Duration.ofSeconds(1)); // no client: a poll would fail
        Operation done = new Operation().setName("projects/1/x/operations/o").setDone(true);
        assertThat(ops.await(done)).isSameAs(done);
        assertThat(ops.await(null)).isNull();
    }

    @Test
    void aFailedOperationCarriesGooglesText() {
        Operations ops = new Operations(null, Duration.ofSeconds(1));
        Operation failed = new Operation().setName("op").setDone(true)
                .setError(new com.google.api.services.iam.v1.model.Status().setCode(9).setMessage("Pool is deleted."));
        assertThat(catchThrowable(() -> ops.await(failed, "the update of p"))).isInstanceOf(IOException.class)
                .hasMessage("the update of p failed: Pool is deleted.");
    }
}
