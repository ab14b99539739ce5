package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dataflow, API and storage failures (#23-#32): exact codes, values and fixes, and the project state deciding #24/#25. */
class DataflowErrorsTest {
    private static final String SA = "gitlab-dataflow@acme-data-prod.iam.gserviceaccount.com";
    private static final String NUMBER = "428617359021";
    private static final String AGENT = "service-" + NUMBER + "@dataflow-service-producer-prod.iam.gserviceaccount.com";
    private static final String REFRESH = ErrorTexts.WORKFLOW_FAILED + ErrorTexts.REFRESHING_CREDENTIALS;
    private final DiagnosisEngine engine = new DiagnosisEngine();

    private static DiagnosisInput.Builder text(String errorText) {
        return DiagnosisInput.builder().errorText("JOB_MESSAGE_ERROR: " + errorText + "\nERROR: Job failed: exit code 1\n");
    }

    private static IamPolicy projectPolicy(String role, String member) {
        return new IamPolicy(List.of(new IamPolicy.Binding(role, List.of(member), false),
                new IamPolicy.Binding("roles/viewer", List.of("user:ops@acme.example"), false)));
    }

    private List<Finding> errors(Diagnosis d) {
        return d.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    private Finding only(DiagnosisInput in, FindingCode code) {
        Diagnosis d = engine.diagnose(in);
        assertThat(errors(d)).extracting(Finding::code).as("" + d.findings()).containsExactly(code);
        CrashingEngines.assertNoInternalError(d);
        return d.finding(code).orElseThrow();
    }

    @Test
    void workerRoleMissingNamesTheServiceAccountAndGrantsTheRoleInItsProject() {
        Finding f = only(text(ErrorTexts.workerRoleMissing(SA)).build(), FindingCode.DATAFLOW_WORKER_ROLE_MISSING);
        assertThat(f.fix()).isEqualTo("gcloud projects add-iam-policy-binding acme-data-prod --member=serviceAccount:" + SA
                + " --role=roles/dataflow.worker");
        assertThat(f.evidence()).isEqualTo(Map.of("catalogue", "#23", "serviceAccount", SA, "project", "acme-data-prod"));
    }

    @Test
    void aMaskedWorkerServiceAccountIsTakenFromTheInput() {
        Finding f = only(text(ErrorTexts.workerRoleMissing("[MASKED]")).workerServiceAccount(SA).build(),
                FindingCode.DATAFLOW_WORKER_ROLE_MISSING);
        assertThat(f.evidence()).containsEntry("serviceAccount", SA);
        assertThat(f.fix()).doesNotContain("MASKED");
    }

    @Test
    void refreshingCredentialsWithTheDataflowApiOffIsApiNotEnabled() {
        Finding f = only(text(REFRESH).enabledServices(List.of("sts.googleapis.com", "iamcredentials.googleapis.com"))
                .projectId("acme-data-prod").build(), FindingCode.API_NOT_ENABLED);
        assertThat(f.fix()).isEqualTo("gcloud services enable dataflow.googleapis.com --project=acme-data-prod");
        assertThat(f.evidence()).containsEntry("catalogue", "#24").containsEntry("service", "dataflow.googleapis.com");
    }

    @Test
    void refreshingCredentialsWithTheWorkerWithoutTheRoleIsWorkerRoleMissing() {
        Finding f = only(text(REFRESH).serviceAccount(SA).projectPolicy(projectPolicy("roles/dataflow.developer",
                "serviceAccount:" + SA)).build(), FindingCode.DATAFLOW_WORKER_ROLE_MISSING);
        assertThat(f.evidence()).containsEntry("catalogue", "#24").doesNotContainKey("alternative");
        assertThat(f.fix()).contains("--member=serviceAccount:" + SA + " --role=roles/dataflow.worker");
    }

    @Test
    void refreshingCredentialsWithApiOnAndRoleHeldPointsAtTheServiceAgent() {
        Finding f = only(text(REFRESH).serviceAccount(SA).projectNumber(NUMBER).projectId("acme-data-prod")
                .enabledServices(List.of("dataflow.googleapis.com")).projectPolicy(projectPolicy("roles/dataflow.worker",
                        "serviceAccount:" + SA)).build(), FindingCode.DATAFLOW_WORKER_ROLE_MISSING);
        assertThat(f.fix()).isEqualTo("gcloud projects add-iam-policy-binding acme-data-prod --member=serviceAccount:" + AGENT
                + " --role=roles/dataflow.serviceAgent");
    }

    @Test
    void refreshingCredentialsWithTheStateUnknownSaysOneOfTheTwoAndWhatToCheck() {
        Finding f = only(text(REFRESH).serviceAccount(SA).build(), FindingCode.DATAFLOW_WORKER_ROLE_MISSING);
        assertThat(f.message()).contains("One of these").contains("gcloud services list --enabled --project=acme-data-prod");
        assertThat(f.evidence()).containsEntry("alternative", "API_NOT_ENABLED").containsEntry("catalogue", "#24");
        assertThat(f.fix()).contains("gcloud services enable dataflow.googleapis.com --project=acme-data-prod");
    }

    @Test
    void serviceAgentWithoutItsRoleInThePolicyIsCertain() {
        Finding f = only(text(ErrorTexts.SERVICE_AGENT_NO_ACCESS).projectNumber(NUMBER).projectId("acme-data-prod")
                .projectPolicy(projectPolicy("roles/dataflow.worker", "serviceAccount:" + SA)).build(),
                FindingCode.DATAFLOW_WORKER_ROLE_MISSING);
        assertThat(f.evidence()).isEqualTo(Map.of("catalogue", "#25", "serviceAccount", AGENT, "project", "acme-data-prod"));
        assertThat(f.message()).doesNotContain("One of these");
    }

    @Test
    void serviceAgentWithTheApiOffIsApiNotEnabled() {
        Finding f = only(text(ErrorTexts.SERVICE_AGENT_NO_ACCESS).projectId("acme-data-prod").enabledServices(List.of()).build(),
                FindingCode.API_NOT_ENABLED);
        assertThat(f.evidence()).containsEntry("catalogue", "#25").containsEntry("project", "acme-data-prod");
    }

    @Test
    void launcherWithoutJobsCreateGetsDeveloperOnTheProjectTheTextNames() {
        Finding f = only(text(ErrorTexts.cannotCreateWorkflow("acme-data-prod", "68c1063df1baf5a0")).serviceAccount(SA).build(),
                FindingCode.DATAFLOW_PERMISSION_DENIED);
        assertThat(f.fix()).isEqualTo("gcloud projects add-iam-policy-binding acme-data-prod --member=serviceAccount:" + SA
                + " --role=roles/dataflow.developer");
        assertThat(f.evidence()).isEqualTo(Map.of("catalogue", "#27", "project", "acme-data-prod",
                "permission", "dataflow.jobs.create", "serviceAccount", SA));
    }

    @Test
    void cancelTwinIsTheSameCodeWithTheCancelPermission() {
        Finding f = only(text(ErrorTexts.cannotCancelWorkflow("acme-data-prod")).build(), FindingCode.DATAFLOW_PERMISSION_DENIED);
        assertThat(f.evidence()).containsEntry("permission", "dataflow.jobs.cancel").containsEntry("project", "acme-data-prod");
        assertThat(f.fix()).contains("serviceAccount:LAUNCHER_SA_EMAIL");
    }

    @Test
    void disabledApiNamesItsHostAndProjectAndIsNotABindingFinding() {
        Finding f = only(text("PERMISSION_DENIED: " + ErrorTexts.apiNotUsed("Identity and Access Management (IAM)", NUMBER,
                "iam.googleapis.com") + ", accessNotConfigured").build(), FindingCode.API_NOT_ENABLED);
        assertThat(f.fix()).isEqualTo("gcloud services enable iam.googleapis.com --project=" + NUMBER);
        assertThat(f.evidence()).isEqualTo(Map.of("catalogue", "#28", "service", "iam.googleapis.com", "project", NUMBER));
        assertThat(f.message()).contains("not a binding problem");
    }

    @Test
    void storageOnABucketGrantsTheSmallestRoleOnThatBucket() {
        Finding f = only(text(ErrorTexts.storageAccessDenied(SA, "storage.objects.get", "object") + " "
                + ErrorTexts.permissionDeniedOnResource("storage.objects.get")
                + "\nGET https://storage.googleapis.com/storage/v1/b/acme-tmp/o/wifdesk%2Fin.txt").build(),
                FindingCode.STORAGE_PERMISSION_DENIED);
        assertThat(f.fix()).isEqualTo("gcloud storage buckets add-iam-policy-binding gs://acme-tmp --member=serviceAccount:"
                + SA + " --role=roles/storage.objectViewer");
        assertThat(f.evidence()).containsEntry("catalogue", "#30").containsEntry("bucket", "acme-tmp")
                .containsEntry("permission", "storage.objects.get");
    }

    @Test
    void theRoleForAStoragePermission() {
        assertThat(StorageErrors.roleFor("storage.objects.list")).isEqualTo("roles/storage.objectViewer");
        assertThat(StorageErrors.roleFor("storage.objects.create")).isEqualTo("roles/storage.objectAdmin");
        assertThat(StorageErrors.roleFor("storage.buckets.create")).isEqualTo("roles/storage.admin");
        assertThat(StorageErrors.roleFor(null)).isEqualTo("roles/storage.objectAdmin");
    }

    @Test
    void discoveryIssuerWithATrailingSlashOnTheProviderIsTrailingSlash() {
        Diagnosis d = engine.diagnose(text(ErrorTexts.DISCOVERY_ISSUER_MISMATCH)
                .provider(Fixtures.provider("oidc.issuerUri", "https://gitlab.com/")).build());
        Finding f = d.finding(FindingCode.ISSUER_TRAILING_SLASH).orElseThrow();
        assertThat(f.fix()).endsWith("--issuer-uri=https://gitlab.com");
        assertThat(d.has(FindingCode.ISSUER_MISMATCH)).isFalse();
    }

    @Test
    void anonymousCallerAfterAFailedExchangeIsNoStorageFinding() {
        String log = "ERROR: " + ErrorTexts.CONDITION_REJECTED + "\nAccessDeniedException: 401 "
                + ErrorTexts.storageAccessDenied("Anonymous caller", "storage.objects.create", "object") + "\n";
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().errorText(log).build());
        assertThat(errors(d)).extracting(Finding::code).containsExactly(FindingCode.CONDITION_REJECTED);
        assertThat(d.stage(Stage.ERROR_TEXT).orElseThrow().detail()).contains("not a cause of its own: #30");
    }

    @Test
    void theHealthyLineRaisesNothingAloneOrBesideARealError() {
        String healthy = "JOB_MESSAGE_BASIC: Checking permissions granted to controller Service Account.\n";
        Diagnosis alone = engine.diagnose(DiagnosisInput.builder().errorText(healthy).build());
        assertThat(alone.verdict()).isEqualTo("pass");
        assertThat(errors(alone)).isEmpty();
        Diagnosis withError = engine.diagnose(DiagnosisInput.builder().errorText(healthy + ErrorTexts.workerRoleMissing(SA)).build());
        assertThat(errors(withError)).extracting(Finding::code).containsExactly(FindingCode.DATAFLOW_WORKER_ROLE_MISSING);
    }

    @Test
    void anUnrecognisedFailureIsNeverAPassAndSaysWhatWasChecked() {
        Diagnosis d = engine.diagnose(Fixtures.input(Fixtures.claims("main-protected"))
                .errorText("Startup of the worker pool failed: quota exceeded\nERROR: Job failed: exit code 1\n").build());
        assertThat(d.verdict()).isEqualTo("fail");
        Finding f = d.finding(FindingCode.FAILURE_UNEXPLAINED).orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).contains("does not recognise").contains("Checked: token pass")
                .contains("\"Startup of the worker pool failed: quota exceeded\"");
        assertThat(f.evidence()).containsKey("closest").containsEntry("line", "Startup of the worker pool failed: quota exceeded");
        assertThat(d.finding(FindingCode.ERROR_UNRECOGNIZED).orElseThrow().severity()).isEqualTo(Severity.INFO);
        assertThat(d.stage(Stage.ERROR_TEXT).orElseThrow().status()).isEqualTo(StageResult.Status.FAIL);
        assertThat(new DiagnosisJson().toTree(d).get("verdict").asText()).isEqualTo("fail");
    }

    @Test
    void theFailureLineQuotedKeepsNoSecret() {
        String jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJwcm9qZWN0X3BhdGg6YWNtZS9waXBlbGluZXMifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().errorText("ERROR: exchange failed for " + jwt + "\n").build());
        Finding f = d.finding(FindingCode.FAILURE_UNEXPLAINED).orElseThrow();
        assertThat(f.message()).doesNotContain(jwt);
        assertThat(f.evidence().get("line")).doesNotContain(jwt).contains("exchange failed");
    }
}
