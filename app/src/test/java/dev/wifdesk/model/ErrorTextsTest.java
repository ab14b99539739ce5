package dev.wifdesk.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every exact text in {@link ErrorTexts} is the one WIF-FACTS.md gives, character for character. */
class ErrorTextsTest {
    /** The number of each constant (or formatting method), and what it gives with WIF-FACTS.md's placeholders. */
    static Map<String, Object[]> constants() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("audienceMismatch", new Object[] {1, ErrorTexts.audienceMismatch("AUD"), CatalogueFixture.text(1)});
        m.put("CONDITION_REJECTED", new Object[] {2, ErrorTexts.CONDITION_REJECTED, CatalogueFixture.text(2)});
        m.put("issuerMismatch", new Object[] {3, ErrorTexts.issuerMismatch("ISS", "EXPECTED"), CatalogueFixture.text(3)});
        m.put("issuerNotFound", new Object[] {4, ErrorTexts.issuerNotFound("ISS"), CatalogueFixture.text(4)});
        m.put("tokenStale", new Object[] {5, ErrorTexts.tokenStale(1795629600L), CatalogueFixture.fill(5, "N", "1795629600")});
        m.put("SIGNATURE_INVALID", new Object[] {6, ErrorTexts.SIGNATURE_INVALID, CatalogueFixture.text(6)});
        m.put("ISSUER_UNREACHABLE", new Object[] {7, ErrorTexts.ISSUER_UNREACHABLE, CatalogueFixture.text(7)});
        m.put("INVALID_TARGET", new Object[] {8, ErrorTexts.INVALID_TARGET, CatalogueFixture.text(8)});
        m.put("INVALID_AUDIENCE_PARAMETER", new Object[] {9, ErrorTexts.INVALID_AUDIENCE_PARAMETER, CatalogueFixture.text(9)});
        m.put("SUBJECT_TOO_LONG", new Object[] {10, ErrorTexts.SUBJECT_TOO_LONG, CatalogueFixture.text(10)});
        m.put("SUBJECT_NOT_STRING", new Object[] {11, ErrorTexts.SUBJECT_NOT_STRING, CatalogueFixture.text(11)});
        m.put("GET_ACCESS_TOKEN_DENIED", new Object[] {12, ErrorTexts.GET_ACCESS_TOKEN_DENIED, CatalogueFixture.text(12)});
        m.put("CALLER_NO_PERMISSION", new Object[] {13, ErrorTexts.CALLER_NO_PERMISSION, CatalogueFixture.text(13)});
        m.put("INVALID_AUTH_CREDENTIALS", new Object[] {14, ErrorTexts.INVALID_AUTH_CREDENTIALS, CatalogueFixture.text(14)});
        m.put("CONDITION_MUST_REFERENCE_CLAIMS", new Object[] {15, ErrorTexts.CONDITION_MUST_REFERENCE_CLAIMS, CatalogueFixture.text(15)});
        m.put("ALREADY_EXISTS", new Object[] {16, ErrorTexts.ALREADY_EXISTS, CatalogueFixture.text(16)});
        m.put("ISSUER_NOT_HTTPS", new Object[] {17, ErrorTexts.ISSUER_NOT_HTTPS, CatalogueFixture.text(17)});
        m.put("cannotActAs", new Object[] {18, ErrorTexts.cannotActAs("SA"), CatalogueFixture.text(18)});
        m.put("EXTERNAL_ACCOUNT_NOT_RECOGNIZED", new Object[] {19, ErrorTexts.EXTERNAL_ACCOUNT_NOT_RECOGNIZED, CatalogueFixture.text(19)});
        m.put("LIFETIME_TOO_LONG", new Object[] {20, ErrorTexts.LIFETIME_TOO_LONG, CatalogueFixture.text(20)});
        m.put("GITLAB_ID_TOKEN_DISABLED", new Object[] {21, ErrorTexts.GITLAB_ID_TOKEN_DISABLED, CatalogueFixture.text(21)});
        m.put("CONCURRENT_POLICY_CHANGES", new Object[] {22, ErrorTexts.CONCURRENT_POLICY_CHANGES, CatalogueFixture.text(22)});
        m.put("workerRoleMissing", new Object[] {23, ErrorTexts.workerRoleMissing("SA"), CatalogueFixture.text(23)});
        m.put("REFRESHING_CREDENTIALS", new Object[] {24, ErrorTexts.WORKFLOW_FAILED + ErrorTexts.REFRESHING_CREDENTIALS + " ...",
                CatalogueFixture.text(24)});
        m.put("SERVICE_AGENT_NO_ACCESS", new Object[] {25, ErrorTexts.SERVICE_AGENT_NO_ACCESS + " ...", CatalogueFixture.text(25)});
        m.put("workerMissingPermissions", new Object[] {26, ErrorTexts.workerMissingPermissions("PERMISSION", "RESOURCE", "SA"),
                CatalogueFixture.text(26)});
        m.put("cannotCreateWorkflow", new Object[] {27, ErrorTexts.cannotCreateWorkflow("PROJECT", "ID"), CatalogueFixture.text(27)});
        m.put("cannotCancelWorkflow", new Object[] {27, ErrorTexts.cannotCancelWorkflow("..."), span(27, "Could not cancel")});
        m.put("apiNotUsed", new Object[] {28, ErrorTexts.apiNotUsed("NAME", "NUMBER", "HOST"), CatalogueFixture.text(28)});
        m.put("dataflowApiNotEnabled", new Object[] {29, ErrorTexts.dataflowApiNotEnabled("PROJECT"), CatalogueFixture.text(29)});
        m.put("storageAccessDenied", new Object[] {30, ErrorTexts.storageAccessDenied("SA", "storage.PERM", "bucket"),
                CatalogueFixture.text(30)});
        m.put("permissionDeniedOnResource", new Object[] {30, ErrorTexts.permissionDeniedOnResource("storage.PERM"),
                span(30, "Permission ")});
        m.put("templateFailedToLoad", new Object[] {30, ErrorTexts.templateFailedToLoad("gs://PATH", "SA"), span(30, "Template")});
        m.put("defaultTempBucketDenied", new Object[] {30, ErrorTexts.defaultTempBucketDenied("BUCKET"), span(30, "Default temp")});
        m.put("stagedPackageInaccessible", new Object[] {30, ErrorTexts.stagedPackageInaccessible("NAME", "gs://..."),
                span(30, "Staged package")});
        m.put("DISCOVERY_ISSUER_MISMATCH", new Object[] {31, ErrorTexts.DISCOVERY_ISSUER_MISMATCH, CatalogueFixture.text(31)});
        m.put("MISSING_SUBJECT_TOKEN", new Object[] {32, ErrorTexts.MISSING_SUBJECT_TOKEN, CatalogueFixture.text(32)});
        m.put("credentialFileNotFound", new Object[] {32, ErrorTexts.credentialFileNotFound("token.txt"), span(32, "File ")});
        return m;
    }

    /** Parts of a longer catalogue text (shared by two forms, or a head several texts start with). */
    static Map<String, Object[]> parts() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        m.put("WORKFLOW_FAILED", new Object[] {23, ErrorTexts.WORKFLOW_FAILED});
        m.put("workerRoleShouldBeGranted", new Object[] {23, ErrorTexts.workerRoleShouldBeGranted("SA")});
        return m;
    }

    /** The code span of row {@code number} that starts with {@code start}. */
    private static String span(int number, String start) {
        return CatalogueFixture.codeSpans(number).stream().filter(s -> s.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("#" + number + " has no text starting with " + start));
    }

    @Test
    void everyPartIsInEachFormOfItsCatalogueText() {
        assertThat(CatalogueFixture.text(23)).startsWith(ErrorTexts.WORKFLOW_FAILED)
                .endsWith(" All permissions in " + ErrorTexts.workerRoleShouldBeGranted("SA"));
        assertThat(CatalogueFixture.text(24)).startsWith(ErrorTexts.WORKFLOW_FAILED);
        // the older form of #23, which WIF-FACTS.md writes with a leading "... "
        assertThat(CatalogueFixture.codeSpans(23)).contains("... " + ErrorTexts.workerRoleShouldBeGranted("SA"));
    }

    static java.util.stream.Stream<Object[]> cases() {
        return constants().entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]});
    }

    /** Catalogue rows ErrorTexts has no constant for yet; must only shrink (#23-#32 came with issue #9). */
    static final Set<Integer> NOT_YET_IN_ERROR_TEXTS = Set.of();

    @ParameterizedTest(name = "#{1} {0}")
    @MethodSource("cases")
    void constantIsTheCatalogueTextVerbatim(String name, int number, String constant, String catalogue) {
        assertThat(constant).as("ErrorTexts.%s against WIF-FACTS.md #%d", name, number).isEqualTo(catalogue);
    }

    @Test
    void theFixtureHoldsRowsOneToThirtyTwoEachMarkedExact() {
        assertThat(CatalogueFixture.numbers()).containsExactlyElementsOf(IntStream.rangeClosed(1, 32).boxed().toList());
        assertThat(CatalogueFixture.rows().values()).allSatisfy(r -> {
            assertThat(r.marker()).as("#%d", r.number()).isIn("exact", "exact form");
            assertThat(r.text()).as("#%d", r.number()).isNotBlank().isEqualTo(r.text().strip());
        });
        // spot checks that the reader takes the right span: a doubled-backtick span and a row with two texts
        assertThat(CatalogueFixture.text(31)).isEqualTo("`issuer` claim in OIDC discovery document does not match the issuer specified in the request.");
        assertThat(CatalogueFixture.text(32)).isEqualTo("Missing subject_token in the credential_source file");
    }

    @Test
    void everyConstantAndFormatterIsCheckedAndTheUncoveredRowsAreExactlyTheKnownOnes() {
        Set<String> members = new TreeSet<>();
        for (Field f : ErrorTexts.class.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers()) && Modifier.isStatic(f.getModifiers())) {
                members.add(f.getName());
            }
        }
        for (Method m : ErrorTexts.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())) {
                members.add(m.getName());
            }
        }
        Set<String> checked = new TreeSet<>(constants().keySet());
        checked.addAll(parts().keySet());
        assertThat(members).containsExactlyInAnyOrderElementsOf(checked);
        Set<Integer> covered = new TreeSet<>();
        constants().values().forEach(v -> covered.add((Integer) v[0]));
        Set<Integer> uncovered = new TreeSet<>(CatalogueFixture.numbers());
        uncovered.removeAll(covered);
        assertThat(uncovered).isEqualTo(new TreeSet<>(NOT_YET_IN_ERROR_TEXTS));
    }
}
