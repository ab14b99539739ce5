package dev.wifdesk.sandbox.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.CreateServiceAccountRequest;
import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.SetIamPolicyRequest;
import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.sandbox.IssuerDirectory;
import dev.wifdesk.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parallel clients against one sandbox: state stays consistent, etags serialise writers. */
class ConcurrencyTest {
    private final SandboxFixture fx = new SandboxFixture();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        fx.close();
    }

    @Test
    void parallelCreatesAllLandAndDuplicatesLoseExactlyOnce() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String id = "pool-" + (i % 12);
            calls.add(() -> {
                try {
                    fx.createPool(id);
                    return 200;
                } catch (GoogleJsonResponseException e) {
                    return e.getStatusCode();
                }
            });
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
            codes.add(f.get());
        }
        assertThat(codes).filteredOn(c -> c == 200).hasSize(12);
        assertThat(codes).filteredOn(c -> c == 409).hasSize(12);
        assertThat(fx.pools().list("projects/sandbox-project/locations/global").execute().getWorkloadIdentityPools())
                .hasSize(12);
    }

    @Test
    void twoWritersWithTheSameEtagOneWinsOneIsAborted() throws Exception {
        String email = fx.iam.projects().serviceAccounts().create("projects/sandbox-project",
                new CreateServiceAccountRequest().setAccountId("contended")).execute().getEmail();
        String resource = "projects/-/serviceAccounts/" + email;
        Policy read = fx.iam.projects().serviceAccounts().getIamPolicy(resource).execute();
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<String>> writers = new ArrayList<>();
        for (String role : new String[] {"roles/iam.serviceAccountUser", "roles/iam.workloadIdentityUser"}) {
            writers.add(() -> {
                go.await();
                Policy p = new Policy().setEtag(read.getEtag()).setBindings(List.of(new Binding().setRole(role)
                        .setMembers(List.of("user:" + fx.sandbox.operatorEmail()))));
                try {
                    fx.iam.projects().serviceAccounts().setIamPolicy(resource, new SetIamPolicyRequest().setPolicy(p))
                            .execute();
                    return "ok";
                } catch (GoogleJsonResponseException e) {
                    return e.getDetails().getMessage();
                }
            });
        }
        List<Future<String>> results = new ArrayList<>();
        for (Callable<String> w : writers) {
            results.add(pool.submit(w));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get(30, TimeUnit.SECONDS));
        }
        assertThat(outcomes).containsExactlyInAnyOrder("ok", ErrorTexts.CONCURRENT_POLICY_CHANGES);
    }

    @Test
    void corruptSnapshotFailsTheStartWithItsPath(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SandboxState.SNAPSHOT_FILE), "{ not json");
        assertThatThrownBy(() -> GoogleSandbox.start(SandboxOptions.defaults().withStateDir(dir), new IssuerDirectory()))
                .hasMessageContaining(SandboxState.SNAPSHOT_FILE).hasMessageContaining("cannot read the sandbox state");
    }
}
