package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI.md contract, code by code: one realistic input per finding code that must produce it
 * with a message, a fix (except pure notices) and the CLI.md severity rules. The detailed
 * behaviour of each lives in the stage tests; this guards that no code is left unreachable.
 */
class EveryFindingCodeTest {
    private static final TestTokens GITLAB = new TestTokens("gitlab-key-1");
    private static final TestTokens ROTATED = new TestTokens("gitlab-key-1");
    private static final String POOL = Fixtures.POOL_PREFIX + "gitlab-ci/";
    private static final Map<FindingCode, Supplier<DiagnosisInput>> SCENARIOS = scenarios();
    /**
     * Codes only the setup lint (plan.lint.SetupLint) gives, judging a spec before anything exists:
     * no diagnosis input can produce them, and SetupLintTest covers each one instead.
     */
    static final Set<FindingCode> LINT_ONLY = EnumSet.of(FindingCode.LINT_UNPROTECTED_REF, FindingCode.LINT_BROAD_ROLE);
    /**
     * What each scenario must give, written out rather than derived from the findings: the code's
     * severity (CLI.md) and the verdict of the whole scenario. PROPAGATION_DELAY's scenario (#13)
     * also carries the impersonation error, so it fails although the notice itself is info; so does
     * ERROR_UNRECOGNIZED's: a failure nobody recognised is never a pass (FAILURE_UNEXPLAINED).
     */
    private static final String EXPECTED = """
            TOKEN_MALFORMED                     error    fail
            TOKEN_EXPIRED                       error    fail
            TOKEN_NOT_YET_VALID                 error    fail
            TOKEN_SIGNATURE_INVALID             error    fail
            TOKEN_KEY_NOT_FOUND                 error    fail
            ISSUER_MISMATCH                     error    fail
            ISSUER_TRAILING_SLASH               error    fail
            ISSUER_NOT_HTTPS                    error    fail
            AUDIENCE_MISMATCH                   error    fail
            AUDIENCE_TYPO                       error    fail
            AUDIENCE_PROJECT_ID                 error    fail
            AUDIENCE_POOL_NOT_PROVIDER          error    fail
            AUDIENCE_MISSING_PREFIX             error    fail
            AUDIENCE_DEFAULT_NOT_ALLOWED        error    fail
            MAPPING_MISSING_SUBJECT             error    fail
            MAPPING_EXPRESSION_ERROR            error    fail
            MAPPING_CLAIM_MISSING               error    fail
            MAPPING_SUBJECT_TOO_LONG            error    fail
            MAPPING_NOT_STRING                  error    fail
            CONDITION_REJECTED                  error    fail
            CONDITION_ERROR                     error    fail
            CONDITION_BOOL_AS_STRING            error    fail
            CONDITION_UNMAPPED_ATTRIBUTE        error    fail
            CONDITION_MISSING                   warning  pass
            POOL_DISABLED                       error    fail
            POOL_DELETED                        error    fail
            PROVIDER_DISABLED                   error    fail
            PROVIDER_DELETED                    error    fail
            BINDING_MISSING                     error    fail
            BINDING_PRINCIPAL_MALFORMED         error    fail
            BINDING_USES_PROJECT_ID             error    fail
            BINDING_WRONG_POOL                  error    fail
            BINDING_ATTRIBUTE_NOT_MAPPED        error    fail
            BINDING_VALUE_MISMATCH              error    fail
            BINDING_TOO_BROAD                   warning  pass
            CI_AUDIENCE_MISMATCH                error    fail
            CI_NO_ID_TOKEN                      error    fail
            DATAFLOW_ACT_AS_DENIED              error    fail
            PERMISSION_DENIED_GET_ACCESS_TOKEN  error    fail
            PROPAGATION_DELAY                   info     fail
            ERROR_UNRECOGNIZED                  info     fail
            DATAFLOW_WORKER_ROLE_MISSING        error    fail
            DATAFLOW_PERMISSION_DENIED          error    fail
            API_NOT_ENABLED                     error    fail
            STORAGE_PERMISSION_DENIED           error    fail
            FEDERATED_TOKEN_NOT_ACCEPTED        error    fail
            AUTH_LIBRARY_TOO_OLD                error    fail
            TOKEN_LIFETIME_TOO_LONG             error    fail
            POLICY_CONCURRENT_CHANGE            warning  pass
            AUDIENCE_DOUBLE_PREFIX              error    fail
            FAILURE_UNEXPLAINED                 error    fail
            INTERNAL_ERROR                      error    fail
            """;
    private final DiagnosisEngine engine = new DiagnosisEngine();
    /** INTERNAL_ERROR cannot come from the standard engine on any input: its scenario makes a stage crash. */
    private final DiagnosisEngine crashingPool = CrashingEngines.stageThrows(Stage.POOL, new IllegalStateException("pool stage bug"));

    private static DiagnosisInput.Builder claims(String set, Object... overrides) {
        return Fixtures.input(Fixtures.claims(set, overrides));
    }

    private static DiagnosisInput.Builder provider(String field, Object value) {
        return claims("main-protected").provider(Fixtures.provider(field, value));
    }

    private static DiagnosisInput error(String text) {
        return DiagnosisInput.builder().errorText(text).build();
    }

    private static Map<FindingCode, Supplier<DiagnosisInput>> scenarios() {
        Map<FindingCode, Supplier<DiagnosisInput>> s = new EnumMap<>(FindingCode.class);
        String pool = "//iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci";
        s.put(FindingCode.TOKEN_MALFORMED, () -> DiagnosisInput.builder().token("not.a.jwt!").build());
        s.put(FindingCode.TOKEN_EXPIRED, () -> claims("main-protected").now(Fixtures.ISSUED.plusSeconds(4000)).build());
        s.put(FindingCode.TOKEN_NOT_YET_VALID, () -> claims("main-protected").now(Fixtures.ISSUED.minusSeconds(4000)).build());
        s.put(FindingCode.TOKEN_SIGNATURE_INVALID, () -> DiagnosisInput.builder().token(ROTATED.sign(Fixtures.claims("main-protected")))
                .jwksJson(GITLAB.jwks()).now(Fixtures.NOW).build());
        s.put(FindingCode.TOKEN_KEY_NOT_FOUND, () -> DiagnosisInput.builder().token(GITLAB.sign(Fixtures.claims("main-protected"), "k9"))
                .jwksJson(GITLAB.jwks()).now(Fixtures.NOW).build());
        s.put(FindingCode.ISSUER_MISMATCH, () -> claims("main-protected", "iss", "https://gitlab.acme.example").build());
        s.put(FindingCode.ISSUER_TRAILING_SLASH, () -> claims("main-protected", "iss", "https://gitlab.com/").build());
        s.put(FindingCode.ISSUER_NOT_HTTPS, () -> provider("oidc.issuerUri", "http://gitlab.com").build());
        s.put(FindingCode.AUDIENCE_MISMATCH, () -> claims("main-protected", "aud", "sts.googleapis.com").build());
        s.put(FindingCode.AUDIENCE_TYPO, () -> claims("main-protected", "aud", "https://gitlab.com/").build());
        s.put(FindingCode.AUDIENCE_PROJECT_ID, () -> claims("main-protected").stsAudience(
                pool.replace("428617359021", "sandbox-project") + "/providers/gitlab-com").build());
        s.put(FindingCode.AUDIENCE_POOL_NOT_PROVIDER, () -> claims("main-protected").stsAudience(pool).build());
        s.put(FindingCode.AUDIENCE_MISSING_PREFIX, () -> claims("main-protected").stsAudience(Fixtures.PROVIDER_NAME).build());
        s.put(FindingCode.AUDIENCE_DOUBLE_PREFIX, () -> claims("main-protected").stsAudience(
                "//iam.googleapis.com///iam.googleapis.com/" + Fixtures.PROVIDER_NAME).build());
        s.put(FindingCode.AUDIENCE_DEFAULT_NOT_ALLOWED, () -> claims("main-protected", "aud", Fixtures.DEFAULT_AUDIENCE).build());
        s.put(FindingCode.MAPPING_MISSING_SUBJECT, () -> provider("attributeMapping", Map.of("attribute.ref", "assertion.ref")).build());
        s.put(FindingCode.MAPPING_EXPRESSION_ERROR, () -> provider("attributeMapping", Map.of("google.subject", "assertion.sub +")).build());
        s.put(FindingCode.MAPPING_CLAIM_MISSING, () -> provider("attributeMapping", Map.of("google.subject", "assertion.environment")).build());
        s.put(FindingCode.MAPPING_SUBJECT_TOO_LONG, () -> claims("deep-group-long-branch").build());
        s.put(FindingCode.MAPPING_NOT_STRING, () -> provider("attributeMapping", Map.of("google.subject", "assertion.runner_id")).build());
        s.put(FindingCode.CONDITION_REJECTED, () -> claims("feature-unprotected").build());
        s.put(FindingCode.CONDITION_ERROR, () -> provider("attributeCondition", "assertion.ref ==").build());
        s.put(FindingCode.CONDITION_BOOL_AS_STRING, () -> provider("attributeCondition", "assertion.ref_protected == true").build());
        s.put(FindingCode.CONDITION_UNMAPPED_ATTRIBUTE, () -> provider("attributeCondition", "attribute.environment == \"production\"").build());
        s.put(FindingCode.CONDITION_MISSING, () -> provider("attributeCondition", null).build());
        s.put(FindingCode.POOL_DISABLED, () -> claims("main-protected").pool(PoolInfo.fromJson(Fixtures.text("pool-disabled.json"))).build());
        s.put(FindingCode.POOL_DELETED, () -> claims("main-protected").pool(PoolInfo.fromJson(Fixtures.text("pool-deleted.json"))).build());
        s.put(FindingCode.PROVIDER_DISABLED, () -> provider("disabled", true).build());
        s.put(FindingCode.PROVIDER_DELETED, () -> provider("state", "DELETED").build());
        s.put(FindingCode.BINDING_MISSING, () -> claims("main-protected").policy(Fixtures.policy(POOL + "attribute.project_path/acme/other")).build());
        s.put(FindingCode.BINDING_PRINCIPAL_MALFORMED, () -> claims("main-protected").policy(Fixtures.policy("principalSet://acme/*")).build());
        s.put(FindingCode.BINDING_USES_PROJECT_ID, () -> claims("main-protected").policy(Fixtures.policy(
                POOL.replace("428617359021", "sandbox-project") + "attribute.project_path/acme/pipelines")).build());
        s.put(FindingCode.BINDING_WRONG_POOL, () -> claims("main-protected").policy(Fixtures.policy(
                Fixtures.POOL_PREFIX + "github/attribute.project_path/acme/pipelines")).build());
        s.put(FindingCode.BINDING_ATTRIBUTE_NOT_MAPPED, () -> claims("main-protected").policy(Fixtures.policy(
                POOL + "attribute.environment/production")).build());
        s.put(FindingCode.BINDING_VALUE_MISMATCH, () -> claims("main-protected").policy(Fixtures.policy(
                POOL + "attribute.project_path/ACME/pipelines")).build());
        s.put(FindingCode.BINDING_TOO_BROAD, () -> provider("attributeCondition", "assertion.ref_protected == \"true\"")
                .policy(Fixtures.policy(POOL + "*")).build());
        s.put(FindingCode.CI_AUDIENCE_MISMATCH, () -> claims("main-protected").ciConfig(
                "deploy:\n  id_tokens:\n    GCP_ID_TOKEN:\n      aud: https://gitlab.con\n  script: [gcloud info]\n").build());
        s.put(FindingCode.CI_NO_ID_TOKEN, () -> claims("main-protected").ciConfig("deploy:\n  script: [gcloud dataflow jobs list]\n").build());
        s.put(FindingCode.DATAFLOW_ACT_AS_DENIED, () -> error(ErrorTexts.cannotActAs("worker@sandbox-project.iam.gserviceaccount.com")));
        s.put(FindingCode.PERMISSION_DENIED_GET_ACCESS_TOKEN, () -> error(ErrorTexts.GET_ACCESS_TOKEN_DENIED));
        s.put(FindingCode.PROPAGATION_DELAY, () -> error(ErrorTexts.CALLER_NO_PERMISSION));
        s.put(FindingCode.FEDERATED_TOKEN_NOT_ACCEPTED, () -> error(ErrorTexts.INVALID_AUTH_CREDENTIALS));
        s.put(FindingCode.AUTH_LIBRARY_TOO_OLD, () -> error(ErrorTexts.EXTERNAL_ACCOUNT_NOT_RECOGNIZED));
        s.put(FindingCode.TOKEN_LIFETIME_TOO_LONG, () -> error(ErrorTexts.LIFETIME_TOO_LONG));
        s.put(FindingCode.POLICY_CONCURRENT_CHANGE, () -> error(ErrorTexts.CONCURRENT_POLICY_CHANGES));
        s.put(FindingCode.ERROR_UNRECOGNIZED, () -> error("Bucket gs://acme-tmp does not exist"));
        s.put(FindingCode.FAILURE_UNEXPLAINED, () -> error("ERROR: Job failed: exit code 1"));
        String sa = "gitlab-dataflow@acme-data-prod.iam.gserviceaccount.com";
        s.put(FindingCode.DATAFLOW_WORKER_ROLE_MISSING, () -> error(ErrorTexts.workerRoleMissing(sa)));
        s.put(FindingCode.DATAFLOW_PERMISSION_DENIED, () -> error(ErrorTexts.cannotCreateWorkflow("acme-data-prod", "68c1063df1baf5a0")));
        s.put(FindingCode.API_NOT_ENABLED, () -> error(ErrorTexts.apiNotUsed("Dataflow", "428617359021", "dataflow.googleapis.com")));
        s.put(FindingCode.STORAGE_PERMISSION_DENIED, () -> error(ErrorTexts.storageAccessDenied(sa, "storage.objects.create",
                "bucket") + " " + ErrorTexts.permissionDeniedOnResource("storage.objects.create")));
        s.put(FindingCode.INTERNAL_ERROR, () -> claims("main-protected").build());
        return s;
    }

    private static Map<FindingCode, String[]> expected() {
        Map<FindingCode, String[]> m = new EnumMap<>(FindingCode.class);
        EXPECTED.lines().filter(l -> !l.isBlank()).map(l -> l.trim().split("\\s+"))
                .forEach(row -> m.put(FindingCode.valueOf(row[0]), new String[] {row[1], row[2]}));
        return m;
    }

    @Test
    void everyCodeHasAScenarioAndAnExpectedOutcome() {
        assertThat(SCENARIOS.keySet()).containsExactlyInAnyOrderElementsOf(diagnosableCodes());
        assertThat(expected().keySet()).containsExactlyInAnyOrderElementsOf(diagnosableCodes());
    }

    static Set<FindingCode> diagnosableCodes() {
        return EnumSet.complementOf(EnumSet.copyOf(LINT_ONLY));
    }

    @ParameterizedTest
    @MethodSource("diagnosableCodes")
    void codeIsProducedWithMessageFixAndEvidence(FindingCode code) {
        Diagnosis d = (code == FindingCode.INTERNAL_ERROR ? crashingPool : engine).diagnose(SCENARIOS.get(code).get());
        Finding f = d.finding(code).orElseThrow(() -> new AssertionError(code + " not produced; got " + d.findings()));
        assertThat(f.message()).isNotBlank();
        assertThat(f.fix()).isNotBlank();
        if (!List.of(FindingCode.ERROR_UNRECOGNIZED, FindingCode.PROPAGATION_DELAY, FindingCode.CONDITION_MISSING,
                FindingCode.BINDING_TOO_BROAD).contains(code)) {
            assertThat(f.evidence()).isNotEmpty();
        }
        String[] severityAndVerdict = expected().get(code);
        assertThat(f.severity().wireName()).as("severity of " + code).isEqualTo(severityAndVerdict[0]);
        assertThat(d.verdict()).as("verdict of the " + code + " scenario").isEqualTo(severityAndVerdict[1]);
        if (code != FindingCode.INTERNAL_ERROR) {
            CrashingEngines.assertNoInternalError(d);
        }
    }
}
