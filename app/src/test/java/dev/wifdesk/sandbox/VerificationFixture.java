package dev.wifdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.cloudresourcemanager.v3.CloudResourceManager;
import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
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
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.gitlab4j.api.models.Variable;

/**
 * A sandbox with WIF configured the way an operator would, with the real IAM / Resource Manager
 * clients, and the verification variables set through gitlab4j. Public: the live diagnosis tests
 * (diagnose.live, cli) run their failing pipelines on it too.
 */
public final class VerificationFixture implements AutoCloseable {
    public static final String POOL_ID = "gitlab-ci";
    public static final String PROVIDER_ID = "gitlab-sandbox";
    public static final String SA_ID = "gitlab-dataflow";
    public static final String CONDITION = "assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"";

    public final Sandbox sandbox;
    public final GitLabApi gitlab;
    public final GoogleClients operator;
    public final String pool;
    public final String provider;
    public final String serviceAccount;

    public VerificationFixture() throws Exception {
        this(SandboxOptions.defaults(), java.time.Duration.ofMinutes(5));
    }

    VerificationFixture(SandboxOptions options, java.time.Duration jobTimeout) throws Exception {
        sandbox = Sandbox.start(options, jobTimeout);
        try {
            gitlab = new GitLabApi(sandbox.gitlab().baseUrl().toString(), sandbox.gitlab().token());
            operator = new GoogleClients(Target.sandbox(sandbox.google().baseUrl(), sandbox.google().operatorToken(),
                    sandbox.google().operatorEmail()));
            pool = "projects/" + sandbox.google().projectNumber() + "/locations/global/workloadIdentityPools/" + POOL_ID;
            provider = "//iam.googleapis.com/" + pool + "/providers/" + PROVIDER_ID;
            serviceAccount = SA_ID + "@" + sandbox.google().projectId() + ".iam.gserviceaccount.com";
            createPoolAndProvider();
            setVariables();
        } catch (Exception | Error e) {
            sandbox.close();
            throw e;
        }
    }

    private void createPoolAndProvider() throws Exception {
        Iam iam = operator.iam();
        var pools = iam.projects().locations().workloadIdentityPools();
        await(iam, pools.create("projects/" + sandbox.google().projectId() + "/locations/global",
                new WorkloadIdentityPool().setDisplayName("GitLab CI")).setWorkloadIdentityPoolId(POOL_ID).execute());
        await(iam, pools.providers().create(pool, new WorkloadIdentityPoolProvider()
                        .setAttributeMapping(Map.of("google.subject", "assertion.sub",
                                "attribute.project_path", "assertion.project_path",
                                "attribute.ref_protected", "assertion.ref_protected"))
                        .setAttributeCondition(CONDITION)
                        .setOidc(new Oidc().setIssuerUri(GitLabSandbox.ISSUER)
                                .setAllowedAudiences(List.of(GitLabSandbox.ISSUER))))
                .setWorkloadIdentityPoolProviderId(PROVIDER_ID).execute());
    }

    /** The service account, its workloadIdentityUser binding for the project path, Dataflow roles. */
    public void createServiceAccountAndGrants() throws Exception {
        Iam iam = operator.iam();
        String project = sandbox.google().projectId();
        ServiceAccount sa = iam.projects().serviceAccounts().create("projects/" + project,
                new CreateServiceAccountRequest().setAccountId(SA_ID)
                        .setServiceAccount(new ServiceAccount().setDisplayName("GitLab Dataflow"))).execute();
        assertThat(sa.getEmail()).isEqualTo(serviceAccount);
        String saName = "projects/" + project + "/serviceAccounts/" + serviceAccount;
        Policy saPolicy = iam.projects().serviceAccounts().getIamPolicy(saName).execute();
        List<Binding> bindings = new ArrayList<>(saPolicy.getBindings() == null ? List.of() : saPolicy.getBindings());
        bindings.add(new Binding().setRole("roles/iam.workloadIdentityUser").setMembers(List.of(
                "principalSet://iam.googleapis.com/" + pool + "/attribute.project_path/acme/pipelines")));
        bindings.add(new Binding().setRole("roles/iam.serviceAccountUser").setMembers(List.of(
                "serviceAccount:" + serviceAccount)));
        iam.projects().serviceAccounts().setIamPolicy(saName,
                new SetIamPolicyRequest().setPolicy(saPolicy.setBindings(bindings))).execute();

        CloudResourceManager crm = operator.resourceManager();
        var projectPolicy = crm.projects().getIamPolicy("projects/" + project, new GetIamPolicyRequest()).execute();
        var projectBindings = new ArrayList<>(projectPolicy.getBindings());
        for (String role : List.of("roles/dataflow.developer", "roles/dataflow.worker")) {
            projectBindings.add(new com.google.api.services.cloudresourcemanager.v3.model.Binding()
                    .setRole(role).setMembers(List.of("serviceAccount:" + serviceAccount)));
        }
        crm.projects().setIamPolicy("projects/" + project,
                new com.google.api.services.cloudresourcemanager.v3.model.SetIamPolicyRequest()
                        .setPolicy(projectPolicy.setBindings(projectBindings))).execute();
    }

    private void setVariables() throws Exception {
        var api = gitlab.getProjectApi();
        String path = GitLabSandbox.PROJECT_PATH;
        api.createVariable(path, "WIF_PROVIDER", provider, Variable.Type.ENV_VAR, true, false, "*");
        api.createVariable(path, "WIF_SERVICE_ACCOUNT", serviceAccount, Variable.Type.ENV_VAR, true, false, "*");
        api.createVariable(path, "DATAFLOW_PROJECT", sandbox.google().projectId(), false);
        api.createVariable(path, "DATAFLOW_REGION", "europe-west1", false);
        api.createVariable(path, "DATAFLOW_TEMPLATE", "gs://dataflow-templates-europe-west1/latest/Word_Count", false);
        api.createVariable(path, "DATAFLOW_PARAMETERS",
                "{\"inputFile\":\"gs://dataflow-samples/shakespeare/kinglear.txt\",\"output\":\"gs://acme-tmp/wifdesk/out\"}",
                false);
        api.createVariable(path, "DATAFLOW_TEMP_LOCATION", "gs://acme-tmp/wifdesk/tmp", false);
        api.createVariable(path, "DATAFLOW_SERVICE_ACCOUNT", serviceAccount, false);
    }

    /** Polls the pipeline's job through gitlab4j until it finishes (bounded). */
    public Job awaitJob(long pipelineId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            Job job = gitlab.getJobApi().getJobsForPipeline(GitLabSandbox.PROJECT_PATH, pipelineId).get(0);
            if (job.getStatus() == JobStatus.SUCCESS || job.getStatus() == JobStatus.FAILED) {
                return job;
            }
            assertThat(Instant.now()).as("job of pipeline %s still %s", pipelineId, job.getStatus()).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    public String trace(Job job) throws Exception {
        return gitlab.getJobApi().getTrace(GitLabSandbox.PROJECT_PATH, job.getId());
    }

    private static void await(Iam iam, Operation op) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        var pools = iam.projects().locations().workloadIdentityPools();
        while (op.getDone() == null || !op.getDone()) {
            assertThat(Instant.now()).as("operation %s", op.getName()).isBefore(deadline);
            Thread.sleep(20);
            op = op.getName().contains("/providers/")
                    ? pools.providers().operations().get(op.getName()).execute()
                    : pools.operations().get(op.getName()).execute();
        }
        assertThat(op.getError()).as("operation %s", op.getName()).isNull();
    }

    @Override
    public void close() {
        try {
            gitlab.close();
        } finally {
            sandbox.close();
        }
    }
}
