package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.ErrorTexts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A terminal breaks a long line at whatever column it reaches, inside words and values alike, and
 * Terraform puts its box before the continuation: every #23-#32 text broken at every position,
 * with and without the box, is still recognised with exactly its values (every position in and
 * around a value, every 7th elsewhere: the machine is shared).
 */
class BreakAnywhereTest {
    private static final String SA = "gitlab-dataflow@acme-data-prod.iam.gserviceaccount.com";
    private final ErrorCatalogue catalogue = new ErrorCatalogue();

    /** Text, the entry it is, and the values it carries. */
    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of(ErrorTexts.workerRoleMissing(SA), KnownError.WORKER_ROLE_MISSING, Map.of("sa", SA)),
                Arguments.of(ErrorTexts.WORKFLOW_FAILED + ErrorTexts.REFRESHING_CREDENTIALS, KnownError.REFRESHING_CREDENTIALS, Map.of()),
                Arguments.of(ErrorTexts.SERVICE_AGENT_NO_ACCESS, KnownError.SERVICE_AGENT_NO_ACCESS, Map.of()),
                Arguments.of(ErrorTexts.workerMissingPermissions("storage.objects.get", "gs://acme-tmp/staging/a.pb", SA),
                        KnownError.WORKER_MISSING_PERMISSIONS, Map.of("permission", "storage.objects.get",
                                "resource", "gs://acme-tmp/staging/a.pb", "sa", SA)),
                Arguments.of(ErrorTexts.cannotCreateWorkflow("acme-data-prod", "68c1063df1baf5a0"), KnownError.CANNOT_CREATE_WORKFLOW,
                        Map.of("project", "acme-data-prod")),
                Arguments.of(ErrorTexts.apiNotUsed("IAM Service Account Credentials", "428617359021", "iamcredentials.googleapis.com"),
                        KnownError.API_NOT_USED, Map.of("project", "428617359021", "host", "iamcredentials.googleapis.com")),
                Arguments.of(ErrorTexts.dataflowApiNotEnabled("acme-data-prod"), KnownError.DATAFLOW_API_NOT_ENABLED,
                        Map.of("project", "acme-data-prod")),
                Arguments.of("403 " + ErrorTexts.storageAccessDenied(SA, "storage.objects.create", "object"),
                        KnownError.STORAGE_ACCESS_DENIED, Map.of("sa", SA, "permission", "storage.objects.create")),
                Arguments.of(ErrorTexts.templateFailedToLoad("gs://acme-templates/wc.json", SA), KnownError.TEMPLATE_FAILED_TO_LOAD,
                        Map.of("bucket", "acme-templates")),
                Arguments.of(ErrorTexts.defaultTempBucketDenied("gs://dataflow-staging-europe-west1-428617359021"),
                        KnownError.DEFAULT_TEMP_BUCKET_DENIED, Map.of("bucket", "dataflow-staging-europe-west1-428617359021")),
                Arguments.of(ErrorTexts.stagedPackageInaccessible("pipeline.pb", "gs://acme-tmp/staging/pipeline.pb"),
                        KnownError.STAGED_PACKAGE_INACCESSIBLE, Map.of("package", "pipeline.pb", "bucket", "acme-tmp")),
                Arguments.of(ErrorTexts.DISCOVERY_ISSUER_MISMATCH, KnownError.DISCOVERY_ISSUER_MISMATCH, Map.of()),
                Arguments.of(ErrorTexts.MISSING_SUBJECT_TOKEN, KnownError.MISSING_SUBJECT_TOKEN, Map.of()),
                Arguments.of(ErrorTexts.credentialFileNotFound(".gitlab-oidc-token"), KnownError.CREDENTIAL_FILE_NOT_FOUND,
                        Map.of("file", ".gitlab-oidc-token")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("texts")
    void brokenAtEveryPositionWithAndWithoutTheBoxTheTextKeepsItsValues(String text, KnownError error, Map<String, String> values) {
        List<String> wrong = new ArrayList<>();
        for (String breakWith : List.of("\n", "\n\u2502 ")) {
            for (int at : positions(text, values)) {
                String log = "JOB_MESSAGE_ERROR: " + text.substring(0, at) + breakWith + text.substring(at) + "\n";
                Map<String, String> got = catalogue.recognise(log, List.of(error)).stream().findFirst()
                        .map(ErrorMatch::values).orElse(null);
                if (!values.equals(got)) {
                    wrong.add("at " + at + " " + breakWith.strip() + ": " + got);
                }
            }
        }
        assertThat(wrong).as(text).isEmpty();
    }

    /** Every position inside a value and around it (where a break is hardest), and every 7th elsewhere. */
    private static java.util.SortedSet<Integer> positions(String text, Map<String, String> values) {
        java.util.SortedSet<Integer> at = new java.util.TreeSet<>();
        for (int i = 1; i < text.length(); i += 7) {
            at.add(i);
        }
        for (String v : values.values()) {
            for (int start = text.indexOf(v); start >= 0; start = text.indexOf(v, start + 1)) {
                for (int i = Math.max(1, start - 2); i <= Math.min(text.length() - 1, start + v.length() + 2); i++) {
                    at.add(i);
                }
            }
        }
        return at;
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("texts")
    void unbrokenTheTextIsRecognisedOnceWithItsValues(String text, KnownError error, Map<String, String> values) {
        Map<String, Map<String, String>> byError = new LinkedHashMap<>();
        catalogue.recognise("ERROR: " + text + "\n").forEach(m -> byError.put(m.error().name(), m.values()));
        assertThat(byError).containsEntry(error.name(), values);
    }
}
