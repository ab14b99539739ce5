package dev.wifdesk.sandbox;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.CreateServiceAccountRequest;
import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.Operation;
import com.google.api.services.iam.v1.model.ServiceAccount;
import com.google.api.services.iam.v1.model.UndeleteWorkloadIdentityPoolProviderRequest;
import com.google.api.services.iam.v1.model.UndeleteWorkloadIdentityPoolRequest;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.cloud.ProjectPolicyEditor;
import dev.wifdesk.cloud.ServiceAccountPolicyEditor;
import dev.wifdesk.model.ResourceNames;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.models.Variable;

/**
 * The demo federation of the sandbox, made the way an operator would with the real clients: a
 * pool and GitLab OIDC provider, a service account that the project path may impersonate, the
 * Dataflow roles, and the CI/CD variables the sandbox runner reads. Every step first reads what
 * exists, so running it again changes nothing and reports "already exists".
 */
public final class DemoSetup {
    public static final String POOL_ID = "gitlab-ci";
    public static final String PROVIDER_ID = "gitlab-sandbox";
    public static final String SA_ID = "gitlab-dataflow";
    public static final String CONDITION = "assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"";
    public static final Map<String, String> MAPPING = mapping();
    public static final List<String> DATAFLOW_ROLES = List.of("roles/dataflow.developer", "roles/dataflow.worker");
    public static final String REGION = "europe-west1";
    static final Duration LRO_TIMEOUT = Duration.ofSeconds(30);

    private static Map<String, String> mapping() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("google.subject", "assertion.sub");
        m.put("attribute.project_path", "assertion.project_path");
        m.put("attribute.ref", "assertion.ref");
        m.put("attribute.ref_protected", "assertion.ref_protected");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Where the demo goes: the sandbox project, its GitLab issuer and project. */
    public record Coordinates(String projectId, String projectNumber, String issuer, String gitlabProjectPath) {
        public Coordinates {
            Objects.requireNonNull(projectId, "projectId");
            Objects.requireNonNull(projectNumber, "projectNumber");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(gitlabProjectPath, "gitlabProjectPath");
        }
    }

    /** The steps, in the order they run. */
    public enum Kind { POOL, PROVIDER, SERVICE_ACCOUNT, SA_BINDING, PROJECT_ROLES, CI_VARIABLES }

    /** One planned step: what it makes, on which resource, in words a reviewer can check. */
    public record Step(Kind kind, String resource, String description) {
    }

    private static final String DELETED = "DELETED";

    public enum Outcome { CREATED, ALREADY_EXISTS, UPDATED, UNDELETED }

    /** How one step ended. */
    public record StepResult(Step step, Outcome outcome) {
    }

    private final GoogleClients operator;
    private final GitLabApi gitlab;
    private final Coordinates at;

    public DemoSetup(GoogleClients operator, GitLabApi gitlab, Coordinates at) {
        this.operator = operator;
        this.gitlab = gitlab;
        this.at = at;
    }

    public String poolName() {
        return ResourceNames.poolName(at.projectNumber(), POOL_ID);
    }

    public String providerName() {
        return ResourceNames.providerName(at.projectNumber(), POOL_ID, PROVIDER_ID);
    }

    /** {@code //iam.googleapis.com/projects/N/.../providers/P}: what the runner's WIF_PROVIDER holds. */
    public String providerAudience() {
        return "//iam.googleapis.com/" + providerName();
    }

    public String serviceAccount() {
        return SA_ID + "@" + at.projectId() + ".iam.gserviceaccount.com";
    }

    public String serviceAccountResource() {
        return ServiceAccountPolicyEditor.resource(at.projectId(), serviceAccount());
    }

    /** {@code principalSet://iam.googleapis.com/POOL/attribute.project_path/PATH}. */
    public String projectPathMember() {
        return "principalSet://iam.googleapis.com/" + poolName() + "/attribute.project_path/" + at.gitlabProjectPath();
    }

    /** The GitLab CI/CD variables of the sandbox runner contract, in order. */
    public Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("WIF_PROVIDER", providerAudience());
        v.put("WIF_SERVICE_ACCOUNT", serviceAccount());
        v.put("DATAFLOW_PROJECT", at.projectId());
        v.put("DATAFLOW_REGION", REGION);
        v.put("DATAFLOW_TEMPLATE", "gs://dataflow-templates-" + REGION + "/latest/Word_Count");
        v.put("DATAFLOW_PARAMETERS",
                "{\"inputFile\":\"gs://dataflow-samples/shakespeare/kinglear.txt\",\"output\":\"gs://acme-tmp/wifdesk/out\"}");
        v.put("DATAFLOW_TEMP_LOCATION", "gs://acme-tmp/wifdesk/tmp");
        v.put("DATAFLOW_SERVICE_ACCOUNT", serviceAccount());
        return v;
    }

    /** Variables the runner needs only on protected refs (the federation's own coordinates). */
    static boolean isProtectedVariable(String key) {
        return key.startsWith("WIF_");
    }

    /** Every step with the exact resource and content, before anything is made. */
    public List<Step> plan() {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(Kind.POOL, poolName(), "Workload identity pool " + POOL_ID + " (\"GitLab CI\")"));
        StringBuilder provider = new StringBuilder("OIDC provider " + PROVIDER_ID + "\n  issuer: " + at.issuer()
                + "\n  allowed audience: " + at.issuer() + "\n  attribute mapping:");
        MAPPING.forEach((k, v) -> provider.append("\n    ").append(k).append(" = ").append(v));
        provider.append("\n  condition: ").append(CONDITION);
        steps.add(new Step(Kind.PROVIDER, providerName(), provider.toString()));
        steps.add(new Step(Kind.SERVICE_ACCOUNT, serviceAccountResource(), "Service account " + serviceAccount()));
        steps.add(new Step(Kind.SA_BINDING, serviceAccountResource(),
                "+ roles/iam.workloadIdentityUser " + projectPathMember()
                        + "\n+ roles/iam.serviceAccountUser serviceAccount:" + serviceAccount()));
        StringBuilder roles = new StringBuilder();
        DATAFLOW_ROLES.forEach(r -> roles.append(roles.length() == 0 ? "" : "\n").append("+ ").append(r)
                .append(" serviceAccount:").append(serviceAccount()));
        steps.add(new Step(Kind.PROJECT_ROLES, "projects/" + at.projectId(), roles.toString()));
        StringBuilder vars = new StringBuilder("GitLab CI/CD variables of " + at.gitlabProjectPath() + ":");
        variables().forEach((k, v) -> vars.append("\n  ").append(k).append(" = ").append(v)
                .append(isProtectedVariable(k) ? "  (protected)" : ""));
        steps.add(new Step(Kind.CI_VARIABLES, at.gitlabProjectPath(), vars.toString()));
        return steps;
    }

    /** Runs every step of {@link #plan()} in order; {@code progress} hears each result as it lands. */
    public List<StepResult> apply(Consumer<StepResult> progress) throws IOException, InterruptedException {
        List<StepResult> out = new ArrayList<>();
        for (Step step : plan()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("demo setup cancelled before " + step.kind());
            }
            StepResult r = new StepResult(step, run(step.kind()));
            out.add(r);
            progress.accept(r);
        }
        return out;
    }

    /** One step by itself (tests make partial setups: a pool and provider without the account). */
    public Outcome run(Kind kind) throws IOException, InterruptedException {
        return switch (kind) {
            case POOL -> createPool();
            case PROVIDER -> createProvider();
            case SERVICE_ACCOUNT -> createServiceAccount();
            case SA_BINDING -> bindServiceAccount();
            case PROJECT_ROLES -> grantProjectRoles();
            case CI_VARIABLES -> setVariables();
        };
    }

    private Outcome createPool() throws IOException, InterruptedException {
        var pools = operator.iam().projects().locations().workloadIdentityPools();
        WorkloadIdentityPool existing = find(() -> pools.get(poolName()).execute());
        if (existing != null) {
            if (!DELETED.equals(existing.getState())) {
                return Outcome.ALREADY_EXISTS;
            }
            // a soft-deleted id cannot be created again for 30 days: bring it back instead
            await(pools.undelete(poolName(), new UndeleteWorkloadIdentityPoolRequest()).execute());
            return Outcome.UNDELETED;
        }
        await(pools.create("projects/" + at.projectId() + "/locations/global",
                new WorkloadIdentityPool().setDisplayName("GitLab CI")).setWorkloadIdentityPoolId(POOL_ID).execute());
        return Outcome.CREATED;
    }

    private Outcome createProvider() throws IOException, InterruptedException {
        var providers = operator.iam().projects().locations().workloadIdentityPools().providers();
        WorkloadIdentityPoolProvider existing = find(() -> providers.get(providerName()).execute());
        if (existing != null) {
            if (!DELETED.equals(existing.getState())) {
                return Outcome.ALREADY_EXISTS;
            }
            await(providers.undelete(providerName(), new UndeleteWorkloadIdentityPoolProviderRequest()).execute());
            return Outcome.UNDELETED;
        }
        await(providers.create(poolName(), new WorkloadIdentityPoolProvider()
                        .setDisplayName("GitLab sandbox")
                        .setAttributeMapping(new LinkedHashMap<>(MAPPING))
                        .setAttributeCondition(CONDITION)
                        .setOidc(new Oidc().setIssuerUri(at.issuer()).setAllowedAudiences(List.of(at.issuer()))))
                .setWorkloadIdentityPoolProviderId(PROVIDER_ID).execute());
        return Outcome.CREATED;
    }

    private Outcome createServiceAccount() throws IOException {
        var accounts = operator.iam().projects().serviceAccounts();
        if (exists(() -> accounts.get(serviceAccountResource()).execute())) {
            return Outcome.ALREADY_EXISTS;
        }
        ServiceAccount sa = accounts.create("projects/" + at.projectId(), new CreateServiceAccountRequest()
                .setAccountId(SA_ID).setServiceAccount(new ServiceAccount().setDisplayName("GitLab Dataflow"))).execute();
        if (!serviceAccount().equals(sa.getEmail())) {
            throw new IOException("the service account was created as " + sa.getEmail() + ", expected " + serviceAccount());
        }
        return Outcome.CREATED;
    }

    /** Both bindings through the read-modify-write editor (etag, retry on a concurrent edit). */
    private Outcome bindServiceAccount() throws IOException {
        ServiceAccountPolicyEditor editor = new ServiceAccountPolicyEditor(operator.iam());
        List<PolicyChange> changes = List.of(
                new PolicyChange(serviceAccountResource(), "roles/iam.workloadIdentityUser", projectPathMember(), true),
                new PolicyChange(serviceAccountResource(), "roles/iam.serviceAccountUser",
                        "serviceAccount:" + serviceAccount(), true));
        boolean changed = false;
        for (PolicyChange change : changes) {
            var before = editor.read(change.resource());
            boolean present = before.getBindings() != null && before.getBindings().stream()
                    .anyMatch(b -> change.role().equals(b.getRole()) && b.getCondition() == null
                            && b.getMembers() != null && b.getMembers().contains(change.member()));
            if (!present) {
                editor.apply(change);
                changed = true;
            }
        }
        return changed ? Outcome.CREATED : Outcome.ALREADY_EXISTS;
    }

    /** Project roles through the read-modify-write editor (etag, retry on a concurrent edit). */
    private Outcome grantProjectRoles() throws IOException {
        boolean changed = new ProjectPolicyEditor(operator.resourceManager())
                .grant(at.projectId(), "serviceAccount:" + serviceAccount(), DATAFLOW_ROLES);
        return changed ? Outcome.CREATED : Outcome.ALREADY_EXISTS;
    }

    /** Creates missing variables, corrects ones with another value, leaves equal ones alone. */
    private Outcome setVariables() throws IOException {
        var api = gitlab.getProjectApi();
        String path = at.gitlabProjectPath();
        try {
            Map<String, Variable> existing = new LinkedHashMap<>();
            for (Variable v : api.getVariables(path)) {
                existing.put(v.getKey(), v);
            }
            boolean created = false;
            boolean updated = false;
            for (var e : variables().entrySet()) {
                Variable have = existing.get(e.getKey());
                boolean isProtected = isProtectedVariable(e.getKey());
                if (have == null) {
                    api.createVariable(path, e.getKey(), e.getValue(), Variable.Type.ENV_VAR, isProtected, false, "*");
                    created = true;
                } else if (!e.getValue().equals(have.getValue())) {
                    api.updateVariable(path, e.getKey(), e.getValue(), Variable.Type.ENV_VAR, isProtected, false, "*");
                    updated = true;
                }
            }
            return created ? Outcome.CREATED : updated ? Outcome.UPDATED : Outcome.ALREADY_EXISTS;
        } catch (GitLabApiException e) {
            throw new IOException("GitLab CI/CD variables of " + path + ": HTTP " + e.getHttpStatus() + " " + e.getMessage(), e);
        }
    }

    private interface Read<T> {
        T get() throws IOException;
    }

    /** The resource when the GET answers (soft-deleted ones too), null on 404; anything else is an error. */
    private static <T> T find(Read<T> read) throws IOException {
        try {
            return read.get();
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static boolean exists(Read<?> read) throws IOException {
        return find(read) != null;
    }

    /** Polls the long-running operation until done, at most {@link #LRO_TIMEOUT}; its error becomes an IOException. */
    private void await(Operation op) throws IOException, InterruptedException {
        Iam iam = operator.iam();
        var pools = iam.projects().locations().workloadIdentityPools();
        Instant deadline = Instant.now().plus(LRO_TIMEOUT);
        long pause = 20;
        while (op.getDone() == null || !op.getDone()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("operation " + op.getName() + " not done after " + LRO_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(pause);
            pause = Math.min(500, pause * 2);
            op = op.getName().contains("/providers/")
                    ? pools.providers().operations().get(op.getName()).execute()
                    : pools.operations().get(op.getName()).execute();
        }
        if (op.getError() != null) {
            throw new IOException("operation " + op.getName() + " failed: " + op.getError().getMessage());
        }
    }
}
