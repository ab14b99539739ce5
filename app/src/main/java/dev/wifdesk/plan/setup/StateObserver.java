package dev.wifdesk.plan.setup;

import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.cloudresourcemanager.v3.model.GetPolicyOptions;
import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.ServiceAccount;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.GitLabVariables;
import dev.wifdesk.plan.Reads;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.gitlab4j.api.GitLabApi;

/**
 * Reads the current state a setup plans against, with reads only and the independent ones in
 * parallel: the pool, the provider, each service account (then its policy), the project policy
 * and the GitLab project's variables. Every name is by the project's ID, which IAM takes as well as
 * the number (its answers name the number): so {@code values} may still hold the number's
 * placeholder, and the reads need not wait for the project's.
 */
public final class StateObserver {
    /** A setup with three accounts reads 7 things at first: all in one round (6 took two). */
    private static final int PARALLEL_READS = 8;

    private final GoogleClients google;
    private final Optional<GitLabApi> gitlab;

    public StateObserver(GoogleClients google, Optional<GitLabApi> gitlab) {
        this.google = google;
        this.gitlab = gitlab;
    }

    public ObservedState observe(SetupValues values, ProjectFacts project) throws IOException {
        return observe(values, CompletableFuture.completedFuture(project));
    }

    /** The same with the project still being read (its number and services). */
    ObservedState observe(SetupValues values, CompletableFuture<ProjectFacts> project) throws IOException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService reads = Executors.newFixedThreadPool(PARALLEL_READS, r -> {
            Thread t = new Thread(r, "wifdesk-observe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            var pools = google.iam().projects().locations().workloadIdentityPools();
            String poolName = ResourceNames.poolName(values.projectId(), values.poolId());
            String providerName = ResourceNames.providerName(values.projectId(), values.poolId(), values.providerId());
            var pool = read(reads, () -> Reads.find(() -> pools.get(poolName).execute()));
            var provider = read(reads, () -> Reads.find(() -> pools.providers().get(providerName).execute()));
            var projectPolicy = read(reads, () -> google.resourceManager().projects().getIamPolicy(
                    "projects/" + values.projectId(),
                    new GetIamPolicyRequest().setOptions(new GetPolicyOptions().setRequestedPolicyVersion(3))).execute());
            var variables = read(reads, () -> gitlab.isPresent() && !values.gitlabProjectPath().isEmpty()
                    ? GitLabVariables.read(gitlab.get(), values.gitlabProjectPath()) : Map.<String, org.gitlab4j.api.models.Variable>of());
            Map<String, CompletableFuture<Optional<ServiceAccount>>> accounts = new LinkedHashMap<>();
            Map<String, CompletableFuture<Optional<Policy>>> policies = new LinkedHashMap<>();
            for (SetupValues.Account a : values.serviceAccounts()) {
                String resource = a.resource(values.projectId());
                var account = read(reads, () -> Optional.ofNullable(
                        Reads.find(() -> google.iam().projects().serviceAccounts().get(resource).execute())));
                accounts.put(a.email(), account);
                policies.put(a.email(), account.thenApplyAsync(found -> found.isEmpty() ? Optional.<Policy>empty()
                        : unchecked(() -> Optional.ofNullable(Reads.find(() -> google.iam().projects().serviceAccounts()
                                .getIamPolicy(resource).setOptionsRequestedPolicyVersion(3).execute()))), reads));
            }
            Map<String, Optional<ServiceAccount>> seenAccounts = new LinkedHashMap<>();
            Map<String, Optional<Policy>> seenPolicies = new LinkedHashMap<>();
            for (String email : accounts.keySet()) {
                seenAccounts.put(email, join(accounts.get(email)));
                seenPolicies.put(email, join(policies.get(email)));
            }
            return new ObservedState(join(project), Optional.ofNullable(join(pool)), Optional.ofNullable(join(provider)),
                    seenAccounts, seenPolicies, join(projectPolicy), join(variables));
        } finally {
            reads.shutdownNow();
        }
    }

    private interface Read<T> {
        T get() throws IOException;
    }

    private static <T> CompletableFuture<T> read(ExecutorService on, Read<T> read) {
        return CompletableFuture.supplyAsync(() -> unchecked(read), on);
    }

    private static <T> T unchecked(Read<T> read) {
        try {
            return read.get();
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    private static <T> T join(CompletableFuture<T> f) throws IOException {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }
}
