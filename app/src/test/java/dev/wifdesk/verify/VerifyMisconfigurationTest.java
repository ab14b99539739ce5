package dev.wifdesk.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.cloud.OidcJwksSource;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each misconfiguration of issue #9, seeded on a correct setup through the real clients: verify
 * fails at the right layer and check with the right code and fix, and after "Apply fix" (re-plan,
 * run only the steps the failing checks name) passes.
 */
class VerifyMisconfigurationTest {
    @TempDir
    Path dir;
    private VerifySandbox sb;

    @BeforeEach
    void start() {
        sb = new VerifySandbox(dir);
    }

    @AfterEach
    void stop() {
        sb.close();
    }

    /** The misconfigurations a validate-only launch also meets: its 403, recognised by the diagnosis engine. */
    private static final java.util.Map<String, FindingCode> LAUNCH_CODES = java.util.Map.of(
            "API disabled", FindingCode.API_NOT_ENABLED,
            "launcher without roles/dataflow.developer", FindingCode.DATAFLOW_PERMISSION_DENIED,
            "missing actAs", FindingCode.DATAFLOW_ACT_AS_DENIED);

    interface Seed {
        void apply(Misconfigure m) throws Exception;
    }

    static Stream<Arguments> misconfigurations() {
        String wrongPool = Misconfigure.MEMBER.replace("/workloadIdentityPools/gitlab-ci/", "/workloadIdentityPools/gitlab-cl/");
        String projectId = Misconfigure.MEMBER.replace("/projects/" + Misconfigure.NUMBER + "/", "/projects/sandbox-project/");
        return Stream.of(
                Arguments.of("audience typo", (Seed) m -> m.audiences(List.of("https://gitlab.sandbox.wifdesk.tset")),
                        Layer.PREFLIGHT, CheckNames.TOKEN_ADMITTED, FindingCode.AUDIENCE_TYPO,
                        "--allowed-audiences='https://gitlab.sandbox.wifdesk.test'"),
                Arguments.of("condition rejecting", (Seed) m -> m.condition("assertion.namespace_path == \"acme-ops\""),
                        Layer.PREFLIGHT, CheckNames.TOKEN_ADMITTED, FindingCode.CONDITION_REJECTED,
                        "--attribute-condition='assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\"'"),
                Arguments.of("missing binding", (Seed) m -> m.accountMembers(SetupValues.WORKLOAD_IDENTITY_USER, ms -> List.of()),
                        Layer.PREFLIGHT, CheckNames.IMPERSONATION, FindingCode.BINDING_MISSING, "add-iam-policy-binding"),
                Arguments.of("wrong pool in member", (Seed) m -> m.accountMembers(SetupValues.WORKLOAD_IDENTITY_USER,
                        ms -> List.of(wrongPool)), Layer.PREFLIGHT, CheckNames.IMPERSONATION, FindingCode.BINDING_WRONG_POOL,
                        "gitlab-ci"),
                Arguments.of("project ID in principal", (Seed) m -> m.accountMembers(SetupValues.WORKLOAD_IDENTITY_USER,
                        ms -> List.of(projectId)), Layer.PREFLIGHT, CheckNames.IMPERSONATION,
                        FindingCode.BINDING_USES_PROJECT_ID, Misconfigure.NUMBER),
                Arguments.of("API disabled", (Seed) m -> m.disable("dataflow.googleapis.com"), Layer.PREFLIGHT, CheckNames.APIS,
                        FindingCode.API_NOT_ENABLED, "gcloud services enable dataflow.googleapis.com --project=sandbox-project"),
                Arguments.of("worker without roles/dataflow.worker", (Seed) m -> m.dropProjectRole("roles/dataflow.worker"),
                        Layer.PREFLIGHT, CheckNames.WORKER_ROLE, FindingCode.DATAFLOW_WORKER_ROLE_MISSING,
                        "gcloud projects add-iam-policy-binding sandbox-project --member=serviceAccount:" + Misconfigure.SA
                                + " --role=roles/dataflow.worker --condition=None"),
                Arguments.of("launcher without roles/dataflow.developer", (Seed) m -> m.dropProjectRole("roles/dataflow.developer"),
                        Layer.PREFLIGHT, CheckNames.LAUNCH_PERMISSION, FindingCode.DATAFLOW_PERMISSION_DENIED,
                        "--role=roles/dataflow.developer"),
                Arguments.of("missing actAs", (Seed) m -> m.accountMembers(SetupValues.SERVICE_ACCOUNT_USER, ms -> List.of()),
                        Layer.PREFLIGHT, CheckNames.ACT_AS, FindingCode.DATAFLOW_ACT_AS_DENIED,
                        "--role=roles/iam.serviceAccountUser --member='serviceAccount:" + Misconfigure.SA + "'"));
    }

    /** Without a policy history: a seeded change made by hand is never mistaken for propagation here. */
    private Verifier verifier() {
        return new Verifier(sb.operator, Optional.of(sb.gitlab), OidcJwksSource.sandbox(GitLabSandbox.ISSUER,
                sb.sandbox.gitlab().baseUrl()), BindingHistory.NONE, VerifySandbox.FAST);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misconfigurations")
    void failsAtTheRightCheckWithTheFixAndPassesAfterApplyFix(String what, Seed seed, Layer layer, String check,
                                                              FindingCode code, String fixContains) throws Exception {
        FederationSpec spec = VerifySandbox.spec();
        sb.apply(spec);
        seed.apply(new Misconfigure(sb.operator));

        VerifyReport broken = verifier().verify(spec, LaunchMode.VALIDATE, VerifyListener.NONE, () -> false);
        String text = VerifyText.write(broken);
        assertThat(broken.passed()).as(text).isFalse();
        CheckResult failed = broken.check(layer, check).orElseThrow();
        assertThat(failed.status()).as(text).isEqualTo(CheckStatus.FAIL);
        Finding finding = failed.findings().stream().filter(f -> f.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + check + ":\n" + text));
        // the finding's own fix, or the check's when the spec says which side is right (a provider that drifted)
        assertThat(finding.fix() + "\n" + failed.fix()).as(text).contains(fixContains);
        assertThat(failed.fixSteps()).as(text).isNotEmpty();

        CheckResult launch = broken.check(Layer.LAUNCH, CheckNames.LAUNCH_VALIDATE).orElseThrow();
        if (LAUNCH_CODES.containsKey(what)) {
            assertThat(launch.status()).as(text).isEqualTo(CheckStatus.FAIL);
            assertThat(launch.findings()).as(text).extracting(Finding::code).contains(LAUNCH_CODES.get(what));
            assertThat(launch.detail()).as(text).doesNotContain("Exception").doesNotContain("\tat ");
        } else {
            // an identity or binding problem does not stop the operator's validate-only launch as the account
            assertThat(launch.status()).as(text).isEqualTo(CheckStatus.PASS);
        }

        sb.applyFix(spec, broken);
        VerifyReport fixed = verifier().verify(spec, LaunchMode.VALIDATE, VerifyListener.NONE, () -> false);
        assertThat(fixed.failed()).as(VerifyText.write(fixed)).isEmpty();
        assertThat(fixed.passed()).isTrue();
    }
}
