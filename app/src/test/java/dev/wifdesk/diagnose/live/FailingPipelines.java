package dev.wifdesk.diagnose.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.iam.v1.model.Policy;
import com.google.api.services.iam.v1.model.SetIamPolicyRequest;
import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.sandbox.VerificationFixture;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.util.List;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;
import org.gitlab4j.api.models.Variable;

/**
 * Runs real verification pipelines on a configured sandbox so that they fail for the reasons an
 * engineer meets (and one passes): the sandbox STS/IAM refuse them with their exact texts.
 */
public final class FailingPipelines {
    public final String wrongAudience = GitLabSandbox.ISSUER + "/wrong";
    public Job passing;
    public Job audience;
    public Job condition;
    public Job notFederation;
    public Job missingProvider;
    public String missingProviderName;
    public Job binding;

    /** Runs them in order; the last one removes the service account's workloadIdentityUser binding first. */
    public static FailingPipelines run(VerificationFixture fx) throws Exception {
        FailingPipelines p = new FailingPipelines();
        fx.createServiceAccountAndGrants();
        String project = GitLabSandbox.PROJECT_PATH;
        var pipelines = fx.gitlab.getPipelineApi();
        p.passing = fx.awaitJob(pipelines.createPipeline(project, "main").getId());
        assertThat(p.passing.getStatus()).as(fx.trace(p.passing)).isEqualTo(JobStatus.SUCCESS);

        p.audience = fx.awaitJob(pipelines.createPipeline(project, "main",
                List.of(new Variable("WIF_ID_TOKEN_AUD", p.wrongAudience))).getId());
        assertThat(fx.trace(p.audience)).contains(ErrorTexts.audienceMismatch(p.wrongAudience));

        // protected variables do not reach develop: the pipeline carries them, as an engineer would
        p.condition = fx.awaitJob(pipelines.createPipeline(project, "develop", List.of(
                new Variable("WIF_PROVIDER", fx.provider), new Variable("WIF_SERVICE_ACCOUNT", fx.serviceAccount),
                new Variable("WIF_ID_TOKEN_AUD", GitLabSandbox.ISSUER))).getId());
        assertThat(fx.trace(p.condition)).contains(ErrorTexts.CONDITION_REJECTED);

        p.notFederation = fx.awaitJob(pipelines.createPipeline(project, "main",
                List.of(new Variable("DATAFLOW_PARAMETERS", "not json"))).getId());
        assertThat(p.notFederation.getStatus()).isEqualTo(JobStatus.FAILED);

        p.missingProviderName = fx.provider.replace("/providers/" + VerificationFixture.PROVIDER_ID, "/providers/gone-provider");
        p.missingProvider = fx.awaitJob(pipelines.createPipeline(project, "main",
                List.of(new Variable("WIF_PROVIDER", p.missingProviderName))).getId());
        assertThat(fx.trace(p.missingProvider)).contains(ErrorTexts.INVALID_TARGET);

        removeWorkloadIdentityUser(fx);
        p.binding = fx.awaitJob(pipelines.createPipeline(project, "main").getId());
        assertThat(fx.trace(p.binding)).contains(ErrorTexts.GET_ACCESS_TOKEN_DENIED);
        return p;
    }

    /** The operator takes roles/iam.workloadIdentityUser off the service account, with the real IAM client. */
    static void removeWorkloadIdentityUser(VerificationFixture fx) throws Exception {
        var accounts = fx.operator.iam().projects().serviceAccounts();
        String name = "projects/" + fx.sandbox.google().projectId() + "/serviceAccounts/" + fx.serviceAccount;
        Policy policy = accounts.getIamPolicy(name).execute();
        policy.setBindings(policy.getBindings().stream()
                .filter(b -> !b.getRole().equals("roles/iam.workloadIdentityUser")).toList());
        accounts.setIamPolicy(name, new SetIamPolicyRequest().setPolicy(policy)).execute();
    }
}
