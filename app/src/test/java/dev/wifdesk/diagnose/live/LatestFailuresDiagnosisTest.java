package dev.wifdesk.diagnose.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import dev.wifdesk.cloud.JwksSource;
import dev.wifdesk.cloud.OidcJwksSource;
import dev.wifdesk.cloud.ServiceAccountNames;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.sandbox.VerificationFixture;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gitlab4j.api.models.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real failed pipelines on the sandbox, read back through gitlab4j and diagnosed against the live IAM state. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LatestFailuresDiagnosisTest {
    private VerificationFixture fx;
    private FailingPipelines pipelines;
    private LatestFailures result;

    @BeforeAll
    void runPipelinesAndDiagnose() throws Exception {
        fx = new VerificationFixture();
        pipelines = FailingPipelines.run(fx);
        result = service().diagnose(GitLabSandbox.PROJECT_PATH);
    }

    /** The issuers the live reader asked for their keys (the real sandbox-only source underneath). */
    private final List<String> jwksAskedFor = new CopyOnWriteArrayList<>();

    private JwksSource recordingJwks() {
        JwksSource real = OidcJwksSource.sandbox(GitLabSandbox.ISSUER, fx.sandbox.gitlab().baseUrl());
        return issuer -> {
            jwksAskedFor.add(issuer);
            return real.fetch(issuer);
        };
    }

    private LatestFailuresDiagnosis service() {
        return new LatestFailuresDiagnosis(fx.gitlab, new LiveFederationReader(fx.operator, recordingJwks()), new DiagnosisEngine());
    }

    @AfterAll
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private JobDiagnosis job(Job job) {
        return result.jobs().stream().filter(j -> j.id() == job.getId()).findFirst()
                .orElseThrow(() -> new AssertionError("job " + job.getId() + " not listed: " + result.jobs()));
    }

    @Test
    void listsEveryFailedJobNewestFirstAndNotThePassingOne() {
        assertThat(result.jobs()).extracting(JobDiagnosis::id).containsExactly(pipelines.binding.getId(),
                pipelines.missingProvider.getId(), pipelines.notFederation.getId(), pipelines.condition.getId(),
                pipelines.audience.getId());
        assertThat(result.verdict()).isEqualTo("fail");
        JobDiagnosis audience = job(pipelines.audience);
        assertThat(audience.name()).isEqualTo("wif-verify");
        assertThat(audience.ref()).isEqualTo("main");
        assertThat(audience.webUrl()).endsWith("/acme/pipelines/-/jobs/" + pipelines.audience.getId());
    }

    @Test
    void wrongAudienceNamesTheAcceptedAudience() {
        JobDiagnosis j = job(pipelines.audience);
        assertThat(j.excerpt()).contains("[" + pipelines.wrongAudience + "]");
        Finding f = j.diagnosis().finding(FindingCode.AUDIENCE_MISMATCH)
                .or(() -> j.diagnosis().finding(FindingCode.AUDIENCE_TYPO)).orElseThrow();
        // the fix names what the live provider accepts, learned through the real IAM client
        assertThat(f.fix()).contains("aud to " + GitLabSandbox.ISSUER + " ").contains("--allowed-audiences=");
        assertThat(f.evidence()).containsEntry("actual", pipelines.wrongAudience);
    }

    @Test
    void conditionRejectionOnAnUnprotectedBranchSaysWhichPartIsFalse() {
        JobDiagnosis j = job(pipelines.condition);
        assertThat(j.ref()).isEqualTo("develop");
        Finding f = j.diagnosis().finding(FindingCode.CONDITION_REJECTED).orElseThrow();
        assertThat(f.message()).contains("assertion.ref_protected == \"true\"").contains("\"false\"");
        assertThat(f.evidence().get("falseParts")).isEqualTo("assertion.ref_protected == \"true\"");
        assertThat(f.fix()).contains("protected branch").contains("--attribute-condition");
        assertThat(j.notes()).anyMatch(n -> n.contains("rebuilt from the job's metadata"));
    }

    @Test
    void missingWorkloadIdentityUserBindingGetsTheExactGrant() {
        JobDiagnosis j = job(pipelines.binding);
        assertThat(j.diagnosis().has(FindingCode.PERMISSION_DENIED_GET_ACCESS_TOKEN)).isTrue();
        Finding f = j.diagnosis().finding(FindingCode.BINDING_MISSING).orElseThrow();
        assertThat(f.fix()).contains("gcloud iam service-accounts add-iam-policy-binding " + fx.serviceAccount)
                .contains("--role=roles/iam.workloadIdentityUser")
                .contains("principalSet://iam.googleapis.com/" + fx.pool + "/attribute.project_path/acme/pipelines");
    }

    @Test
    void jobWithoutFederationErrorIsListedAsSuch() {
        JobDiagnosis j = job(pipelines.notFederation);
        assertThat(j.federationErrorFound()).isFalse();
        assertThat(j.diagnosis()).isNull();
        assertThat(j.failed()).isFalse();
        assertThat(j.notes()).containsExactly(JobDiagnosis.NO_FEDERATION_ERROR);
    }

    @Test
    void providerThatDoesNotExistBecomesANoteNotAnException() {
        JobDiagnosis j = job(pipelines.missingProvider);
        assertThat(j.notes()).anyMatch(n -> n.contains("Cannot read the provider " + pipelines.missingProviderName
                .replace("//iam.googleapis.com/", "")) && n.contains("404"));
        assertThat(j.diagnosis().passed()).isFalse();
        assertThat(j.diagnosis().findings()).anyMatch(f -> f.evidence().getOrDefault("catalogue", "").equals("#8"));
        // IAM's 404 turns #8's list of possible causes into the one that holds
        Finding f = j.diagnosis().finding(FindingCode.AUDIENCE_MISMATCH).orElseThrow();
        assertThat(f.message()).contains("does not exist").doesNotContain("Give --pool");
        assertThat(f.fix()).contains("providers list");
        assertThat(j.notes()).noneMatch(n -> n.endsWith(".."));
    }

    @Test
    void noTokenInAnyOutput() {
        String json = new LatestFailuresJson().write(result);
        String text = new LatestFailuresText().write(result);
        for (String out : new String[] {json, text}) {
            assertThat(out).doesNotContain("eyJ").doesNotContain(fx.sandbox.gitlab().token())
                    .doesNotContain(fx.sandbox.google().operatorToken());
        }
        assertThat(text).contains("Job " + pipelines.condition.getId() + " wif-verify on develop")
                .contains(JobDiagnosis.NO_FEDERATION_ERROR).contains("fix: gcloud iam service-accounts add-iam-policy-binding");
    }

    @Test
    void googleRefusingTheCallerBecomesNotesAndTheErrorTextIsStillDiagnosed() throws Exception {
        var stranger = new dev.wifdesk.cloud.GoogleClients(dev.wifdesk.cloud.Target.sandbox(fx.sandbox.google().baseUrl(),
                "not-a-sandbox-credential", "stranger"));
        LatestFailures r = new LatestFailuresDiagnosis(fx.gitlab, new LiveFederationReader(stranger, recordingJwks()), new DiagnosisEngine())
                .diagnose(GitLabSandbox.PROJECT_PATH);
        JobDiagnosis condition = r.jobs().stream().filter(j -> j.id() == pipelines.condition.getId()).findFirst().orElseThrow();
        assertThat(condition.notes()).anyMatch(n -> n.startsWith("Cannot read the provider ") && n.contains("401"));
        assertThat(condition.notes()).anyMatch(n -> n.startsWith("Cannot read the IAM policy of " + fx.serviceAccount));
        // without the live provider: the catalogue's explanation, not the claims-based one
        assertThat(condition.diagnosis().finding(FindingCode.CONDITION_REJECTED)).isPresent();
        assertThat(r.verdict()).isEqualTo("fail");
        assertThat(new LatestFailuresJson().write(r)).doesNotContain("not-a-sandbox-credential");
    }

    @Test
    void gitLabRefusingTheTokenIsAReadError() {
        try (var wrong = new org.gitlab4j.api.GitLabApi(fx.sandbox.gitlab().baseUrl().toString(), "wrong-token")) {
            assertThatThrownBy(() -> new LatestFailuresDiagnosis(wrong, new LiveFederationReader(fx.operator, recordingJwks()), new DiagnosisEngine())
                    .diagnose(GitLabSandbox.PROJECT_PATH))
                    .isInstanceOf(GitLabReadException.class)
                    .hasMessageContaining("refused the token (401 Unauthorized)")
                    .hasMessageNotContaining("wrong-token");
        }
    }

    @Test
    void theJobsProviderIssuerKeysAreReadLikeTheGuiDoes() {
        // the run in @BeforeAll: jobs with a live provider (no inline keys) had the issuer's JWKS read
        assertThat(jwksAskedFor).contains(GitLabSandbox.ISSUER);
        assertThat(job(pipelines.condition).notes()).noneMatch(n -> n.contains("JWKS"));
    }

    @Test
    void theCommandLinesConnectionsReadTheJwksAndNameTheServiceAccountByItsProject() throws Exception {
        // what 'wifdesk diagnose --gitlab-project P --sandbox URL' opens, against the running sandbox
        try (LiveConnections cli = LiveConnections.sandbox(fx.sandbox.google().baseUrl().toString())) {
            LiveFederationState state = cli.reader().read(fx.provider, fx.serviceAccount);
            assertThat(state.notes()).isEmpty();
            assertThat(state.provider()).isNotNull();
            assertThat(JWKSet.parse(state.jwksJson()).getKeys()).isNotEmpty();
            assertThat(state.policy()).isNotNull();
            // one naming with the GUI: the project from the account's e-mail, not projects/-
            assertThat(state.policyResource()).isEqualTo(ServiceAccountNames.resource(fx.serviceAccount, null))
                    .startsWith("projects/" + fx.sandbox.google().projectId() + "/serviceAccounts/");
        }
    }

    @Test
    void anIssuerTheSandboxDoesNotServeIsANote() {
        LiveFederationReader noIssuer = new LiveFederationReader(fx.operator, OidcJwksSource.sandbox(u -> java.util.Optional.empty()));
        LiveFederationState state = noIssuer.read(fx.provider, null);
        assertThat(state.jwksJson()).isNull();
        assertThat(state.notes()).singleElement().asString()
                .startsWith("Cannot read the JWKS of the issuer " + GitLabSandbox.ISSUER + ": ")
                .contains("the sandbox does not serve the issuer");
    }

    @Test
    void unknownProjectIsNotFound() {
        assertThatThrownBy(() -> service().diagnose("acme/no-such-project"))
                .isInstanceOf(GitLabProjectNotFoundException.class)
                .hasMessageStartingWith("GitLab project 'acme/no-such-project' not found");
    }

    @Test
    void projectWithoutFailuresSaysSo() throws Exception {
        // the public fork has no pipelines at all
        LatestFailures none = service().diagnose(GitLabSandbox.FORK_PROJECT_PATH);
        assertThat(none.jobs()).isEmpty();
        assertThat(none.passed()).isTrue();
        assertThat(none.notes()).containsExactly("No failed jobs in the recent history of " + GitLabSandbox.FORK_PROJECT_PATH + ".");
    }
}
