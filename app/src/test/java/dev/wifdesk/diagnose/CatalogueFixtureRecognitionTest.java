package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.CatalogueFixture;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recognition judged against WIF-FACTS.md itself (the verbatim fixture), not against the ErrorTexts
 * constants the patterns are built from: a changed constant no longer matches the real text.
 */
class CatalogueFixtureRecognitionTest {
    private static final String SA = "gitlab-dataflow@sandbox-project.iam.gserviceaccount.com";
    /** Catalogue rows the recogniser does not know yet; must only shrink (#23-#32 came with issue #9). */
    static final Set<Integer> NOT_YET_RECOGNISED = Set.of();
    private static final String NUMBER = "428617359021";
    private final ErrorCatalogue catalogue = new ErrorCatalogue();

    /** The fixture text with realistic values in its placeholders. */
    static Map<String, String> values(int number) {
        return switch (number) {
            case 1 -> Map.of("AUD", "https://gitlab.com/");
            case 3 -> Map.of("ISS", "https://gitlab.example.com", "EXPECTED", "https://gitlab.com");
            case 4 -> Map.of("ISS", "https://gitlab.example.com");
            case 5 -> Map.of("N", "1795629600");
            case 18, 23 -> Map.of("SA", SA);
            case 26 -> Map.of("PERMISSION", "storage.objects.get", "RESOURCE", "gs://acme-tmp/staging/pipeline.pb", "SA", SA);
            case 27 -> Map.of("PROJECT", "acme-data-prod", "ID", "68c1063df1baf5a0");
            case 28 -> Map.of("NAME", "IAM Service Account Credentials", "NUMBER", NUMBER, "HOST", "iamcredentials.googleapis.com");
            case 29 -> Map.of("PROJECT", "acme-data-prod");
            case 30 -> Map.of("SA", SA, "PERM", "objects.create");
            default -> Map.of();
        };
    }

    /** The values the recogniser must capture from {@link #values}'s text, by capture name. */
    static Map<String, String> captured(int number) {
        return switch (number) {
            case 1 -> Map.of("aud", "https://gitlab.com/");
            case 3 -> Map.of("iss", "https://gitlab.example.com", "expected", "https://gitlab.com");
            case 4 -> Map.of("iss", "https://gitlab.example.com");
            case 5 -> Map.of("iat", "1795629600");
            case 18, 23 -> Map.of("sa", SA);
            case 26 -> Map.of("permission", "storage.objects.get", "resource", "gs://acme-tmp/staging/pipeline.pb", "sa", SA);
            case 27, 29 -> Map.of("project", "acme-data-prod");
            case 28 -> Map.of("project", NUMBER, "host", "iamcredentials.googleapis.com");
            case 30 -> Map.of("sa", SA, "permission", "storage.objects.create");
            default -> Map.of();
        };
    }

    static String filled(int number) {
        List<String> args = new java.util.ArrayList<>();
        values(number).forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return CatalogueFixture.fill(number, args.toArray(String[]::new));
    }

    static Stream<Integer> known() {
        return CatalogueFixture.numbers().stream().filter(n -> !NOT_YET_RECOGNISED.contains(n));
    }

    @ParameterizedTest(name = "#{0}")
    @MethodSource("known")
    void theCatalogueTextIsRecognisedWithItsValues(int number) {
        List<ErrorMatch> matches = catalogue.recognise("ERROR: " + filled(number) + "\n");
        ErrorMatch m = matches.stream().filter(x -> x.error().number() == number).findFirst()
                .orElseThrow(() -> new AssertionError("#" + number + " not recognised in the WIF-FACTS.md text; got " + matches));
        assertThat(m.values()).isEqualTo(captured(number));
    }

    @ParameterizedTest(name = "#{0}")
    @MethodSource("known")
    void theEngineGivesAFindingForTheCatalogueTextAndDoesNotCallItUnrecognised(int number) {
        Diagnosis d = new DiagnosisEngine().diagnose(DiagnosisInput.builder().errorText(filled(number)).build());
        assertThat(d.stage(Stage.ERROR_TEXT).orElseThrow().detail()).contains("#" + number);
        assertThat(d.has(dev.wifdesk.model.FindingCode.ERROR_UNRECOGNIZED)).isFalse();
        CrashingEngines.assertNoInternalError(d);
    }

    @Test
    void theRowsNotRecognisedYetAreExactlyTheListedOnes() {
        Set<Integer> notRecognised = new TreeSet<>();
        for (int n : CatalogueFixture.numbers()) {
            int number = n;
            boolean found = catalogue.recognise(filled(n)).stream().anyMatch(m -> m.error().number() == number);
            if (!found) {
                notRecognised.add(n);
            }
        }
        assertThat(notRecognised).isEqualTo(new TreeSet<>(NOT_YET_RECOGNISED));
        assertThat(KnownError.all()).extracting(KnownError::number).filteredOn(NOT_YET_RECOGNISED::contains).isEmpty();
        assertThat(KnownError.all()).extracting(KnownError::number).containsAll(CatalogueFixture.numbers());
    }
}
