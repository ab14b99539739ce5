package dev.wifdesk.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wifdesk.export.VerificationJobYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Editing a real-looking .gitlab-ci.yml as text: the verification job added or replaced, everything else kept. */
class CiConfigFileTest {
    private static final Map<String, String> JOB = VerificationJobYaml.jobs("main", List.of());

    static final String WITH_STAGES = """
            # CI for the pipelines project
            # (maintained by the data team)
            stages:
              - build
              - test

            variables:
              MAVEN_OPTS: "-Xmx1g"   # keep the heap small

            build:
              stage: build
              script:
                - mvn -B package

            # the slow tests
            integration:
              stage: test
              script:
                - mvn -B verify
            """;

    @Test
    void theJobIsAddedAtTheEndAndVerifyJoinsTheStagesEveryOtherLineKept() {
        String merged = CiConfigFile.merge(WITH_STAGES, JOB);
        assertThat(linesInOrder(WITH_STAGES, merged)).as(merged).isTrue();
        assertThat(merged).contains("  - test\n  - verify\n").endsWith(JOB.get("wif-verify"))
                .contains("    - mvn -B verify\n\nwif-verify:\n");
        Map<String, Object> doc = yaml(merged);
        assertThat(doc.keySet()).containsExactly("stages", "variables", "build", "integration", "wif-verify");
        assertThat(doc.get("stages")).isEqualTo(List.of("build", "test", "verify"));
        assertThat(CiConfigFile.diff(WITH_STAGES, merged))
                .containsExactly("stages: [build, test] -> [build, test, verify]", "job wif-verify: added");
    }

    @Test
    void aSecondMergeChangesNothing() {
        String merged = CiConfigFile.merge(WITH_STAGES, JOB);
        assertThat(CiConfigFile.merge(merged, JOB)).isEqualTo(merged);
        assertThat(CiConfigFile.diff(merged, merged)).isEmpty();
    }

    @Test
    void aStaleJobIsReplacedInPlaceAndTheCommentOfTheNextJobStays() {
        String stale = """
                stages: [build, verify]   # two stages

                wif-verify:
                  stage: verify
                  script:
                    - gcloud auth login --cred-file=old.json

                # packaging
                package:
                  stage: build
                  script: [make]
                """;
        String merged = CiConfigFile.merge(stale, JOB);
        assertThat(merged).startsWith("stages: [build, verify]   # two stages\n\nwif-verify:\n")
                .doesNotContain("old.json").contains(JOB.get("wif-verify") + "\n# packaging\npackage:\n");
        assertThat(yaml(merged).keySet()).containsExactly("stages", "wif-verify", "package");
        assertThat(CiConfigFile.diff(stale, merged)).containsExactly("job wif-verify: updated");
    }

    @Test
    void aFlowStagesListGetsVerify() {
        String flow = "stages: [build, test] # main\n\nbuild:\n  stage: build\n  script: [make]\n";
        String merged = CiConfigFile.merge(flow, JOB);
        assertThat(merged).startsWith("stages: [build, test, verify] # main\n");
        assertThat(yaml(merged).get("stages")).isEqualTo(List.of("build", "test", "verify"));
    }

    @Test
    void withoutAStagesListGitLabsDefaultsAreWrittenOutWithVerifyAndAnchorsStay() {
        String anchors = """
                # shared settings
                .defaults: &defaults
                  image: maven:3.9
                  tags: [docker]

                build:
                  <<: *defaults
                  script:
                    - mvn -B package
                """;
        String merged = CiConfigFile.merge(anchors, JOB);
        assertThat(merged).startsWith("# shared settings\nstages:\n  - build\n  - test\n  - deploy\n  - verify\n\n.defaults: &defaults\n");
        assertThat(linesInOrder(anchors, merged)).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> build = (Map<String, Object>) yaml(merged).get("build");
        assertThat(build).containsEntry("image", "maven:3.9");
    }

    @Test
    void aFileThatIncludesOthersGetsNoStagesListOfItsOwn() {
        String included = "include:\n  - project: acme/ci-templates\n    file: /java.yml\n\nbuild:\n  extends: .java\n";
        String merged = CiConfigFile.merge(included, JOB);
        assertThat(merged).startsWith(included).doesNotContain("stages:");
    }

    @Test
    void perEnvironmentJobsAreAddedTogetherAndAnEmptyFileBecomesTheJobs() {
        Map<String, String> jobs = VerificationJobYaml.jobs("main", List.of("production", "staging"));
        String merged = CiConfigFile.merge(WITH_STAGES, jobs);
        assertThat(yaml(merged).keySet()).endsWith("wif-verify-production", "wif-verify-staging");
        assertThat(CiConfigFile.diff(WITH_STAGES, merged)).contains("job wif-verify-production: added",
                "job wif-verify-staging: added");

        String fresh = CiConfigFile.merge(null, JOB);
        assertThat(yaml(fresh).keySet()).containsExactly("stages", "wif-verify");
        assertThat(CiConfigFile.diff(null, fresh)).first().isEqualTo(".gitlab-ci.yml: created");
    }

    @Test
    void aFileThatIsNotYamlIsNotEdited() {
        assertThatThrownBy(() -> CiConfigFile.merge("build:\n  script: [make\n", JOB))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> CiConfigFile.merge("- a\n- b\n", JOB)).hasMessageContaining("not a map");
        assertThatThrownBy(() -> CiConfigFile.Mode.of("push")).hasMessageContaining("merge-request, commit or none");
        assertThat(CiConfigFile.Mode.of("merge-request")).isEqualTo(CiConfigFile.Mode.MERGE_REQUEST);
    }

    /** Every line of {@code original} appears in {@code merged}, in the same order. */
    private static boolean linesInOrder(String original, String merged) {
        List<String> rest = new ArrayList<>(List.of(merged.split("\n", -1)));
        for (String line : original.split("\n")) {
            int at = rest.indexOf(line);
            if (at < 0) {
                return false;
            }
            rest = new ArrayList<>(rest.subList(at + 1, rest.size()));
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }
}
