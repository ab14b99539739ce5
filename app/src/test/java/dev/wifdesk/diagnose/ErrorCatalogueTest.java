package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.ErrorTexts;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorCatalogueTest {
    static final String SA = "gitlab-dataflow@sandbox-project.iam.gserviceaccount.com";
    private final ErrorCatalogue catalogue = new ErrorCatalogue();
    private final DiagnosisEngine engine = new DiagnosisEngine();

    /** Every catalogue text as the services write it, with realistic values. */
    static Map<Integer, String> texts() {
        Map<Integer, String> t = new java.util.TreeMap<>();
        t.put(1, ErrorTexts.audienceMismatch("https://gitlab.com/"));
        t.put(2, ErrorTexts.CONDITION_REJECTED);
        t.put(3, ErrorTexts.issuerMismatch("https://gitlab.example.com", "https://gitlab.com"));
        t.put(4, ErrorTexts.issuerNotFound("https://gitlab.example.com"));
        t.put(5, ErrorTexts.tokenStale(1795629600L));
        t.put(6, ErrorTexts.SIGNATURE_INVALID);
        t.put(7, ErrorTexts.ISSUER_UNREACHABLE);
        t.put(8, ErrorTexts.INVALID_TARGET);
        t.put(9, ErrorTexts.INVALID_AUDIENCE_PARAMETER);
        t.put(10, ErrorTexts.SUBJECT_TOO_LONG);
        t.put(11, ErrorTexts.SUBJECT_NOT_STRING);
        t.put(12, ErrorTexts.GET_ACCESS_TOKEN_DENIED);
        t.put(13, ErrorTexts.CALLER_NO_PERMISSION);
        t.put(14, ErrorTexts.INVALID_AUTH_CREDENTIALS);
        t.put(15, ErrorTexts.CONDITION_MUST_REFERENCE_CLAIMS);
        t.put(16, ErrorTexts.ALREADY_EXISTS);
        t.put(17, ErrorTexts.ISSUER_NOT_HTTPS);
        t.put(18, ErrorTexts.cannotActAs(SA));
        t.put(19, ErrorTexts.EXTERNAL_ACCOUNT_NOT_RECOGNIZED);
        t.put(20, ErrorTexts.LIFETIME_TOO_LONG);
        t.put(21, ErrorTexts.GITLAB_ID_TOKEN_DISABLED);
        t.put(22, ErrorTexts.CONCURRENT_POLICY_CHANGES);
        t.put(23, ErrorTexts.workerRoleMissing(SA));
        t.put(24, ErrorTexts.WORKFLOW_FAILED + ErrorTexts.REFRESHING_CREDENTIALS);
        t.put(25, ErrorTexts.SERVICE_AGENT_NO_ACCESS);
        t.put(26, ErrorTexts.workerMissingPermissions("dataflow.workItems.lease", "projects/sandbox-project", SA));
        t.put(27, ErrorTexts.cannotCreateWorkflow("sandbox-project", "68c1063df1baf5a0"));
        t.put(28, ErrorTexts.apiNotUsed("Security Token Service", "428617359021", "sts.googleapis.com"));
        t.put(29, ErrorTexts.dataflowApiNotEnabled("sandbox-project"));
        t.put(30, ErrorTexts.storageAccessDenied(SA, "storage.objects.create", "bucket") + " "
                + ErrorTexts.permissionDeniedOnResource("storage.objects.create"));
        t.put(31, ErrorTexts.DISCOVERY_ISSUER_MISMATCH);
        t.put(32, ErrorTexts.MISSING_SUBJECT_TOKEN);
        return t;
    }

    /** How the text reaches a person: as is, in a JSON body, in a noisy job log, broken across lines. */
    static Map<String, UnaryOperator<String>> wrappings() {
        Map<String, UnaryOperator<String>> w = new java.util.LinkedHashMap<>();
        w.put("plain", s -> s);
        w.put("sts json", s -> "{\"error\":\"invalid_grant\",\"error_description\":\"" + jsonEscape(s) + "\"}");
        w.put("google envelope in a log", s -> "com.google.api.client.googleapis.json.GoogleJsonResponseException: 403 Forbidden\n"
                + "POST https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/x:generateAccessToken\n"
                + "{\n  \"code\" : 403,\n  \"errors\" : [ {\n    \"domain\" : \"global\",\n    \"message\" : \""
                + jsonEscape(s).replace("'", "\\u0027") + "\",\n    \"reason\" : \"forbidden\"\n  } ],\n  \"status\" : \"PERMISSION_DENIED\"\n}");
        w.put("double-escaped json", s -> "\"{\\\"error_description\\\":\\\"" + jsonEscape(jsonEscape(s)) + "\\\"}\"");
        w.put("job log noise", s -> "\u001B[0KRunning with gitlab-runner 17.5.0 (a1b2c3d4)\n"
                + "2026-11-25T18:03:10.113402Z 01O $ gcloud auth login --cred-file=.gcp_cred.json\n"
                + "2026-11-25T18:03:11.402113Z 01E \u001B[31;1mERROR: (gcloud.auth.login) " + s + "\u001B[0;m\n"
                + "section_end:1795629791:step_script\r\u001B[0K\u001B[31;1mERROR: Job failed: exit code 1\u001B[0;m\n");
        w.put("line-broken with timestamps", s -> breakAt(s, s.length() / 2,
                "\n2026-11-25T18:03:11.402113Z 01E "));
        w.put("terminal wrap mid-word", s -> breakAt(s, 7, "\n"));
        w.put("html escaped", s -> "<pre>" + s.replace("\"", "&quot;").replace("'", "&#39;") + "</pre>");
        w.put("gcloud python repr", s -> "ERROR: (gcloud.auth.print-access-token) There was a problem refreshing your current "
                + "auth tokens: ('Error code invalid_grant: " + pyEscape(s) + "', '{\"error\":\"invalid_grant\","
                + "\"error_description\":\"" + pyEscape(jsonEscape(s)) + "\"}')\nPlease run:\n\n  $ gcloud auth login\n");
        w.put("java OAuthException", s -> "Exception in thread \"main\" com.google.auth.oauth2.OAuthException: Error code "
                + "invalid_grant: " + s + "\n\tat com.google.auth.oauth2.OAuthException.createFromHttpResponseException("
                + "OAuthException.java:73)\n");
        w.put("go status code", s -> "2026/11/25 18:04:03 oauth2/google: status code 400: {\"error\":\"invalid_grant\","
                + "\"error_description\":\"" + jsonEscape(s) + "\"}\nexit status 1\n");
        w.put("terraform inline", s -> "Error: googleapi: Error 403: " + s + ", forbidden\n");
        w.put("terraform box wrapped", s -> "\u2577\n" + breakAt(s, s.length() / 2, "\n\u2502 ").replaceFirst("^ERROR: ",
                "\u2502 Error: googleapi: Error 403: ") + ", accessNotConfigured\n\u2502 \n\u2575\n");
        return w;
    }

    /** A Python repr's single-quoted string: backslashes doubled, quotes as \\'. */
    private static String pyEscape(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Breaks the text at a space near {@code at} (or mid-word when {@code at} is small) with {@code with}. */
    private static String breakAt(String s, int at, String with) {
        int i = at;
        if (at > 10) {
            int space = s.indexOf(' ', at);
            i = space < 0 ? at : space;
        }
        return "ERROR: " + s.substring(0, i) + with + s.substring(i);
    }

    static Stream<Arguments> everyTextInEveryWrapping() {
        List<Arguments> out = new ArrayList<>();
        texts().forEach((n, text) -> wrappings().forEach((how, wrap) -> out.add(Arguments.of(n, how, wrap.apply(text)))));
        return out.stream();
    }

    @ParameterizedTest(name = "#{0} {1}")
    @MethodSource("everyTextInEveryWrapping")
    void everyCatalogueTextIsRecognisedHoweverItIsWrapped(int number, String how, String text) {
        List<ErrorMatch> matches = catalogue.recognise(text);
        assertThat(matches).extracting(m -> m.error().number()).contains(number);
        ErrorMatch m = matches.stream().filter(x -> x.error().number() == number).findFirst().orElseThrow();
        switch (number) {
            case 1 -> assertThat(m.value("aud")).isEqualTo("https://gitlab.com/");
            case 3 -> assertThat(m.values()).containsEntry("iss", "https://gitlab.example.com").containsEntry("expected", "https://gitlab.com");
            case 4 -> assertThat(m.value("iss")).isEqualTo("https://gitlab.example.com");
            case 5 -> assertThat(m.value("iat")).isEqualTo("1795629600");
            case 18, 23 -> assertThat(m.value("sa")).isEqualTo(SA);
            case 26 -> assertThat(m.values()).containsEntry("permission", "dataflow.workItems.lease")
                    .containsEntry("resource", "projects/sandbox-project").containsEntry("sa", SA);
            case 27, 29 -> assertThat(m.values()).isEqualTo(Map.of("project", "sandbox-project"));
            case 28 -> assertThat(m.values()).isEqualTo(Map.of("project", "428617359021", "host", "sts.googleapis.com"));
            case 30 -> assertThat(m.values()).isEqualTo(Map.of("sa", SA, "permission", "storage.objects.create"));
            default -> assertThat(m.values()).isEmpty();
        }
    }

    static Stream<Arguments> codes() {
        return Stream.of(
                Arguments.of(1, FindingCode.AUDIENCE_MISMATCH), Arguments.of(2, FindingCode.CONDITION_REJECTED),
                Arguments.of(3, FindingCode.ISSUER_MISMATCH), Arguments.of(4, FindingCode.ISSUER_MISMATCH),
                Arguments.of(5, FindingCode.TOKEN_EXPIRED), Arguments.of(6, FindingCode.TOKEN_SIGNATURE_INVALID),
                Arguments.of(7, FindingCode.TOKEN_KEY_NOT_FOUND), Arguments.of(8, FindingCode.AUDIENCE_MISMATCH),
                Arguments.of(9, FindingCode.AUDIENCE_MISSING_PREFIX), Arguments.of(10, FindingCode.MAPPING_SUBJECT_TOO_LONG),
                Arguments.of(11, FindingCode.MAPPING_NOT_STRING), Arguments.of(12, FindingCode.PERMISSION_DENIED_GET_ACCESS_TOKEN),
                Arguments.of(13, FindingCode.PERMISSION_DENIED_GET_ACCESS_TOKEN),
                Arguments.of(14, FindingCode.FEDERATED_TOKEN_NOT_ACCEPTED), Arguments.of(15, FindingCode.CONDITION_MISSING),
                Arguments.of(16, FindingCode.POOL_DELETED), Arguments.of(17, FindingCode.ISSUER_NOT_HTTPS),
                Arguments.of(18, FindingCode.DATAFLOW_ACT_AS_DENIED), Arguments.of(19, FindingCode.AUTH_LIBRARY_TOO_OLD),
                Arguments.of(20, FindingCode.TOKEN_LIFETIME_TOO_LONG), Arguments.of(21, FindingCode.CI_NO_ID_TOKEN),
                Arguments.of(22, FindingCode.POLICY_CONCURRENT_CHANGE), Arguments.of(23, FindingCode.DATAFLOW_WORKER_ROLE_MISSING),
                Arguments.of(24, FindingCode.DATAFLOW_WORKER_ROLE_MISSING), Arguments.of(25, FindingCode.DATAFLOW_WORKER_ROLE_MISSING),
                Arguments.of(26, FindingCode.DATAFLOW_WORKER_ROLE_MISSING), Arguments.of(27, FindingCode.DATAFLOW_PERMISSION_DENIED),
                Arguments.of(28, FindingCode.API_NOT_ENABLED), Arguments.of(29, FindingCode.API_NOT_ENABLED),
                Arguments.of(30, FindingCode.STORAGE_PERMISSION_DENIED), Arguments.of(31, FindingCode.ISSUER_MISMATCH),
                Arguments.of(32, FindingCode.CI_NO_ID_TOKEN));
    }

    @ParameterizedTest(name = "#{0} -> {1}")
    @MethodSource("codes")
    void errorTextAloneGivesItsFindingWithAFix(int number, FindingCode code) {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().errorText("job log:\n" + texts().get(number) + "\n").build());
        Finding f = d.finding(code).orElseThrow();
        assertThat(f.fix()).isNotBlank();
        assertThat(d.stage(Stage.ERROR_TEXT).orElseThrow().detail()).contains("#" + number);
        assertThat(d.has(FindingCode.ERROR_UNRECOGNIZED)).isFalse();
        CrashingEngines.assertNoInternalError(d);
        if (number != 22) {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        }
    }

    @Test
    void audienceErrorWithAProviderRunsTheAudienceStageOnTheAudInBrackets() {
        String log = "google.auth.exceptions.RefreshError: ('Error code invalid_grant: "
                + ErrorTexts.audienceMismatch("https://gitlab.com/") + "', '{\"error\":\"invalid_grant\"}')";
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().errorText(log).provider(Fixtures.provider()).build());
        assertThat(d.findings()).extracting(Finding::code).containsExactly(FindingCode.AUDIENCE_MISMATCH, FindingCode.AUDIENCE_TYPO);
        assertThat(d.finding(FindingCode.AUDIENCE_MISMATCH).orElseThrow().evidence()).containsEntry("source", "error text")
                .containsEntry("catalogue", "#1");
        assertThat(d.finding(FindingCode.AUDIENCE_TYPO).orElseThrow().message()).contains("trailing slash");
        assertThat(d.stage(Stage.AUDIENCE).orElseThrow().status()).isEqualTo(StageResult.Status.FAIL);
    }

    @Test
    void whitespaceInsideTheBracketsIsKeptAndNamed() {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().provider(Fixtures.provider())
                .errorText(ErrorTexts.audienceMismatch(" https://gitlab.com")).build());
        assertThat(d.finding(FindingCode.AUDIENCE_MISMATCH).orElseThrow().evidence()).containsEntry("actual", " https://gitlab.com");
        assertThat(d.finding(FindingCode.AUDIENCE_TYPO).orElseThrow().message()).contains("leading whitespace");
        Diagnosis trailing = engine.diagnose(DiagnosisInput.builder().provider(Fixtures.provider())
                .errorText(ErrorTexts.audienceMismatch("https://gitlab.com "))
                .build());
        assertThat(trailing.finding(FindingCode.AUDIENCE_TYPO).orElseThrow().message()).contains("trailing whitespace");
    }

    @Test
    void issuerErrorThatDiffersBySlashIsTrailingSlash() {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder()
                .errorText(ErrorTexts.issuerMismatch("https://gitlab.com/", "https://gitlab.com")).build());
        assertThat(d.has(FindingCode.ISSUER_TRAILING_SLASH)).isTrue();
        assertThat(d.has(FindingCode.ISSUER_MISMATCH)).isFalse();
    }

    @Test
    void gitlabIntegrationIssuerMixedUpIsExplained() {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().provider(Fixtures.provider())
                .errorText(ErrorTexts.issuerMismatch("https://auth.gcp.gitlab.com/oidc/acme", "https://gitlab.com")).build());
        assertThat(d.finding(FindingCode.ISSUER_MISMATCH).orElseThrow().message()).contains("Google Cloud IAM' integration");
    }

    static Stream<Arguments> invalidTargetCauses() {
        return Stream.of(
                Arguments.of("pool-disabled.json", Fixtures.provider(), null, FindingCode.POOL_DISABLED),
                Arguments.of("pool-deleted.json", Fixtures.provider(), null, FindingCode.POOL_DELETED),
                Arguments.of("pool-active.json", Fixtures.provider("disabled", true), null, FindingCode.PROVIDER_DISABLED),
                Arguments.of("pool-active.json", Fixtures.provider("state", "DELETED"), null, FindingCode.PROVIDER_DELETED),
                Arguments.of("pool-active.json", Fixtures.provider(), "//iam.googleapis.com/projects/sandbox-project/locations/"
                        + "global/workloadIdentityPools/gitlab-ci/providers/gitlab-com", FindingCode.AUDIENCE_PROJECT_ID));
    }

    @ParameterizedTest(name = "#8 -> {3}")
    @MethodSource("invalidTargetCauses")
    void invalidTargetIsExplainedByTheStateGiven(String pool, ProviderInfo provider, String sts, FindingCode code) {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().errorText(ErrorTexts.INVALID_TARGET)
                .pool(PoolInfo.fromJson(Fixtures.text(pool))).provider(provider).stsAudience(sts).build());
        assertThat(d.has(code)).isTrue();
        assertThat(d.findings()).extracting(Finding::code).doesNotContain(FindingCode.ERROR_UNRECOGNIZED);
        if (code != FindingCode.AUDIENCE_PROJECT_ID) {
            assertThat(d.has(FindingCode.AUDIENCE_MISMATCH)).as("state explains it; no generic finding").isFalse();
        }
    }

    @Test
    void invalidAudienceParameterWithThePoolAsAudience() {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().errorText(ErrorTexts.INVALID_AUDIENCE_PARAMETER)
                .provider(Fixtures.provider()).stsAudience("//iam.googleapis.com/projects/428617359021/locations/global/"
                        + "workloadIdentityPools/gitlab-ci").build());
        assertThat(d.has(FindingCode.AUDIENCE_POOL_NOT_PROVIDER)).isTrue();
        assertThat(d.has(FindingCode.AUDIENCE_MISSING_PREFIX)).isFalse();
    }

    @Test
    void subjectTooLongErrorWithTheProviderGivesTheShorterMapping() {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().errorText(ErrorTexts.SUBJECT_TOO_LONG)
                .provider(Fixtures.provider()).build());
        Finding f = d.finding(FindingCode.MAPPING_SUBJECT_TOO_LONG).orElseThrow();
        assertThat(f.fix()).contains("--attribute-mapping='google.subject=assertion.project_id + \":\" + assertion.ref,"
                + "attribute.project_id=assertion.project_id");
        assertThat(f.evidence()).containsEntry("catalogue", "#10");
    }

    @Test
    void permissionDeniedWithPolicyNamesTheBindingCauseAndPropagation() {
        Diagnosis d = engine.diagnose(Fixtures.input(Fixtures.claims("main-protected"))
                .policy(Fixtures.policy(Fixtures.POOL_PREFIX.replace("428617359021", "sandbox-project")
                        + "gitlab-ci/attribute.project_path/acme/pipelines"))
                .errorText("{\"error\":{\"code\":403,\"message\":\"Permission \\u0027iam.serviceAccounts.getAccessToken\\u0027 "
                        + "denied on resource (or it may not exist).\",\"status\":\"PERMISSION_DENIED\"}}").build());
        assertThat(d.finding(FindingCode.PERMISSION_DENIED_GET_ACCESS_TOKEN).orElseThrow().message())
                .contains("BINDING_USES_PROJECT_ID");
        assertThat(d.finding(FindingCode.PROPAGATION_DELAY).orElseThrow().severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void actAsDeniedNamesWorkerAndLauncher() {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().serviceAccount("launcher@sandbox-project.iam.gserviceaccount.com")
                .errorText("Error: " + ErrorTexts.cannotActAs("worker@sandbox-project.iam.gserviceaccount.com") + " (HTTP 403)").build());
        assertThat(d.finding(FindingCode.DATAFLOW_ACT_AS_DENIED).orElseThrow().fix()).isEqualTo(
                "gcloud iam service-accounts add-iam-policy-binding worker@sandbox-project.iam.gserviceaccount.com "
                        + "--member=serviceAccount:launcher@sandbox-project.iam.gserviceaccount.com --role=roles/iam.serviceAccountUser");
    }

    @Test
    void alreadyExistsOnAProviderIsProviderDeleted() {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().errorText("ERROR: (gcloud.iam.workload-identity-pools.providers."
                + "create-oidc) ALREADY_EXISTS: " + ErrorTexts.ALREADY_EXISTS).build());
        assertThat(d.has(FindingCode.PROVIDER_DELETED)).isTrue();
    }

    @Test
    void unknownTextIsUnrecognisedInfoWithTheClosestKnownError() {
        Diagnosis d = engine.diagnose(DiagnosisInput.builder()
                .errorText("STS said: the audience of the ID token is not what the provider expected").build());
        Finding f = d.finding(FindingCode.ERROR_UNRECOGNIZED).orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.evidence()).containsEntry("closest", "#1");
        assertThat(d.verdict()).isEqualTo("pass");
        CrashingEngines.assertNoInternalError(d);
    }

    @Test
    void hugeGarbageErrorTextIsUnrecognisedAndDoesNotThrow() {
        StringBuilder sb = new StringBuilder();
        java.util.Random r = new java.util.Random(7);
        while (sb.length() < 10 * 1024 * 1024) {
            sb.append((char) r.nextInt(0x2FF));
        }
        Diagnosis d = engine.diagnose(DiagnosisInput.builder().errorText(sb.toString()).build());
        assertThat(d.has(FindingCode.ERROR_UNRECOGNIZED)).isTrue();
        CrashingEngines.assertNoInternalError(d);
    }

    @Test
    void findErrorTextsListsEveryFailureInALongJobLogInOrder() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            log.append("2026-11-25T18:0").append(i % 10).append(":00.000000Z 01O step ").append(i).append(" ok\n");
        }
        log.append("2026-11-25T18:09:00.000000Z 01E ").append(ErrorTexts.CONDITION_REJECTED).append('\n');
        log.append("retrying...\n2026-11-25T18:09:05.000000Z 01E ").append(ErrorTexts.cannotActAs(SA)).append('\n');
        List<ErrorMatch> found = engine.findErrorTexts(log.toString());
        assertThat(found).extracting(m -> m.error().number()).containsExactly(2, 18);
        assertThat(found.get(1).value("sa")).isEqualTo(SA);
    }
}
