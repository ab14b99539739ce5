package dev.wifdesk.ui.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.Iam;
import com.google.api.services.iam.v1.model.Binding;
import com.google.api.services.iam.v1.model.CreateServiceAccountRequest;
import com.google.api.services.iam.v1.model.Oidc;
import com.google.api.services.iam.v1.model.Operation;
import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.ServiceAccount;
import com.google.api.services.iam.v1.model.SetIamPolicyRequest;
import com.google.api.services.iam.v1.model.WorkloadIdentityPool;
import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import dev.wifdesk.sandbox.gitlab.IdTokenRequest;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.SandboxGitLab;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.gitlab4j.api.models.Pipeline;
import org.gitlab4j.api.models.Variable;

/**
 * WIF set up in a running sandbox the way an operator would, through the real IAM client and
 * gitlab4j: a pool and GitLab provider, a service account whose policy already holds an unrelated
 * binding, the CI/CD variables the sandbox runner reads; and a way to make a pipeline fail for real.
 */
public final class SandboxWif {
    public static final String POOL_ID = "gitlab-ci";
    public static final String PROVIDER_ID = "gitlab-sandbox";
    public static final String SA_ID = "gitlab-dataflow";
    /** Held on the service account before any fix: it must survive every change. */
    public static final String EXISTING_ROLE = "roles/iam.serviceAccountUser";
    public static final List<String> EXISTING_MEMBERS = List.of("user:operator@wifdesk-sandbox.example");

    public final Sandbox sandbox;
    public final GoogleClients clients;
    public final Iam iam;
    public final String projectId;
    public final String number;
    public final String providerName;
    public final String poolName;
    public final String serviceAccount;
    public final String saResource;

    public SandboxWif(Sandbox sandbox, GoogleClients clients) {
        this.sandbox = sandbox;
        this.clients = clients;
        this.iam = clients.iam();
        this.projectId = sandbox.google().projectId();
        this.number = sandbox.google().projectNumber();
        this.providerName = ResourceNames.providerName(number, POOL_ID, PROVIDER_ID);
        this.poolName = ResourceNames.poolName(number, POOL_ID);
        this.serviceAccount = SA_ID + "@" + projectId + ".iam.gserviceaccount.com";
        this.saResource = "projects/" + projectId + "/serviceAccounts/" + serviceAccount;
    }

    /** The operator's clients on a freshly started sandbox. */
    public static SandboxWif on(Sandbox sandbox) {
        return new SandboxWif(sandbox, new GoogleClients(Target.sandbox(sandbox.google().baseUrl(),
                sandbox.google().operatorToken(), sandbox.google().operatorEmail())));
    }

    /** A live connection as the app builds it in sandbox mode. */
    public Connection connection() {
        return new Connection(Connection.TargetKind.SANDBOX, projectId + " (" + number + ")", sandbox.google().operatorEmail(),
                List.of(new Connection.ProjectInfo(projectId, number, "Sandbox project")), Optional.of(clients),
                Optional.of(new SandboxGitLab(sandbox.gitlab().baseUrl(), sandbox.gitlab().token(),
                        sandbox.gitlab().projectPath(), sandbox.issuers()::rewrite, sandbox.gitlab().issuer(),
                        Optional.empty())));
    }

    public SandboxWif createProvider(List<String> audiences) throws IOException {
        var pools = iam.projects().locations().workloadIdentityPools();
        String parent = "projects/" + projectId + "/locations/global";
        await(pools.create(parent, new WorkloadIdentityPool().setDisplayName("GitLab CI"))
                .setWorkloadIdentityPoolId(POOL_ID).execute());
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("google.subject", "assertion.sub");
        mapping.put("attribute.project_path", "assertion.project_path");
        mapping.put("attribute.ref", "assertion.ref");
        await(pools.providers().create(ResourceNames.poolName(projectId, POOL_ID), new WorkloadIdentityPoolProvider()
                        .setDisplayName("Sandbox GitLab")
                        .setOidc(new Oidc().setIssuerUri(GitLabSandbox.ISSUER).setAllowedAudiences(new ArrayList<>(audiences)))
                        .setAttributeMapping(mapping)
                        .setAttributeCondition("assertion.namespace_path == \"acme\""))
                .setWorkloadIdentityPoolProviderId(PROVIDER_ID).execute());
        return this;
    }

    /** The service account, with {@link #EXISTING} in its policy and no workloadIdentityUser binding. */
    public SandboxWif createServiceAccount() throws IOException {
        iam.projects().serviceAccounts().create("projects/" + projectId, new CreateServiceAccountRequest()
                .setAccountId(SA_ID).setServiceAccount(new ServiceAccount().setDisplayName("GitLab Dataflow"))).execute();
        Policy policy = policy();
        List<Binding> bindings = new ArrayList<>(policy.getBindings() == null ? List.of() : policy.getBindings());
        bindings.add(new Binding().setRole(EXISTING_ROLE).setMembers(new ArrayList<>(EXISTING_MEMBERS)));
        iam.projects().serviceAccounts().setIamPolicy(saResource,
                new SetIamPolicyRequest().setPolicy(policy.setBindings(bindings))).execute();
        return this;
    }

    public Policy policy() throws IOException {
        return iam.projects().serviceAccounts().getIamPolicy(saResource).execute();
    }

    /** The member a token of acme/pipelines counts as through {@code attribute.project_path}. */
    public String projectPathMember() {
        return "principalSet://iam.googleapis.com/" + poolName + "/attribute.project_path/" + GitLabSandbox.PROJECT_PATH;
    }

    public String mintToken(String audience) {
        return sandbox.gitlab().mintIdToken(IdTokenRequest.forAudience(audience));
    }

    // ---- a real failing pipeline ------------------------------------------------------------

    /** The variables the sandbox runner's WIF job reads (provider as STS audience, service account). */
    public SandboxWif setCiVariables(GitLabApi gitlab) throws Exception {
        var api = gitlab.getProjectApi();
        String path = GitLabSandbox.PROJECT_PATH;
        api.createVariable(path, "WIF_PROVIDER", "//iam.googleapis.com/" + providerName, Variable.Type.ENV_VAR, true, false, "*");
        api.createVariable(path, "WIF_SERVICE_ACCOUNT", serviceAccount, Variable.Type.ENV_VAR, true, false, "*");
        api.createVariable(path, "GCP_PROJECT_ID", projectId, false);
        api.createVariable(path, "DATAFLOW_REGION", "europe-west1", false);
        commitVerificationJob(gitlab);
        return this;
    }

    /** The verification job added to main's .gitlab-ci.yml through gitlab4j, as a user would. */
    private static void commitVerificationJob(GitLabApi gitlab) throws Exception {
        var files = gitlab.getRepositoryFileApi();
        String existing = files.getFile(GitLabSandbox.PROJECT_PATH, ".gitlab-ci.yml", "main").getDecodedContentAsString();
        org.gitlab4j.api.models.RepositoryFile file = new org.gitlab4j.api.models.RepositoryFile();
        file.setFilePath(".gitlab-ci.yml");
        file.setContent(dev.wifdesk.plan.CiConfigFile.merge(existing,
                dev.wifdesk.export.VerificationJobYaml.jobs("main", List.of())));
        files.updateFile(GitLabSandbox.PROJECT_PATH, file, "main", "Add the verification job");
    }

    /** Runs a pipeline on main whose ID token carries {@code audience}; waits (bounded) for its job to fail. */
    public Job failingPipeline(GitLabApi gitlab, String audience) throws Exception {
        Pipeline pipeline = gitlab.getPipelineApi().createPipeline(GitLabSandbox.PROJECT_PATH, "main",
                List.of(new Variable("WIF_ID_TOKEN_AUD", audience)));
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            Job job = gitlab.getJobApi().getJobsForPipeline(GitLabSandbox.PROJECT_PATH, pipeline.getId()).stream()
                    .filter(j -> j.getName().equals(dev.wifdesk.export.VerificationJobYaml.JOB_NAME)).findFirst().orElseThrow();
            if (job.getStatus() == JobStatus.FAILED || job.getStatus() == JobStatus.SUCCESS) {
                assertThat(job.getStatus()).isEqualTo(JobStatus.FAILED);
                return job;
            }
            assertThat(Instant.now()).as("job of pipeline %s still %s", pipeline.getId(), job.getStatus()).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    public GitLabApi gitlab() {
        return new GitLabApi(sandbox.gitlab().baseUrl().toString(), sandbox.gitlab().token());
    }

    private void await(Operation op) throws IOException {
        var pools = iam.projects().locations().workloadIdentityPools();
        for (int i = 0; i < 200 && !Boolean.TRUE.equals(op.getDone()); i++) {
            op = op.getName().contains("/providers/") ? pools.providers().operations().get(op.getName()).execute()
                    : pools.operations().get(op.getName()).execute();
        }
        assertThat(op.getDone()).as("operation %s", op.getName()).isTrue();
        assertThat(op.getError()).as("operation %s", op.getName()).isNull();
    }
}
