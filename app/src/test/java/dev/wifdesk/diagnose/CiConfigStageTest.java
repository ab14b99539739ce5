package dev.wifdesk.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import org.junit.jupiter.api.Test;

class CiConfigStageTest {
    private final DiagnosisEngine engine = new DiagnosisEngine();

    private Diagnosis ci(String yaml) {
        return engine.diagnose(DiagnosisInput.builder().provider(Fixtures.provider()).ciConfig(yaml).build());
    }

    @Test
    void templateAudienceInheritedThroughExtendsIsAccepted() {
        Diagnosis d = ci(Fixtures.text("gitlab-ci-ok.yml"));
        assertThat(d.findings()).isEmpty();
        assertThat(d.stage(Stage.CI_CONFIG).orElseThrow().detail()).contains("2 job(s) checked");
    }

    @Test
    void jobAudienceNotAcceptedIsNamedWithTheNearMissAndTheCorrectedYaml() {
        Diagnosis d = ci(Fixtures.text("gitlab-ci-ok.yml").replace("aud: https://gitlab.com", "aud: https://gitlab.com/"));
        Finding f = d.finding(FindingCode.CI_AUDIENCE_MISMATCH).orElseThrow();
        assertThat(f.message()).contains("Job 'wordcount'").contains("GCP_ID_TOKEN").contains("AUDIENCE_TYPO");
        assertThat(f.fix()).isEqualTo("In .gitlab-ci.yml set id_tokens: GCP_ID_TOKEN: aud: \"https://gitlab.com\"");
        assertThat(d.stage(Stage.CI_CONFIG).orElseThrow().status()).isEqualTo(StageResult.Status.FAIL);
    }

    @Test
    void audienceListAndDefaultIdTokens() {
        String yaml = """
                default:
                  id_tokens:
                    GCP_ID_TOKEN:
                      aud: [https://gitlab.example.com, //iam.googleapis.com/projects/428617359021/locations/global/workloadIdentityPools/gitlab-ci/providers/gitlab-com]
                deploy:
                  script: [gcloud dataflow jobs list]
                """;
        Diagnosis d = ci(yaml);
        Finding f = d.finding(FindingCode.CI_AUDIENCE_MISMATCH).orElseThrow();
        assertThat(f.evidence()).containsEntry("actual", "https://gitlab.example.com").containsEntry("job", "deploy");
        assertThat(ci(yaml.replace("https://gitlab.example.com", "https://gitlab.com")).findings()).isEmpty();
    }

    @Test
    void jobUsingGoogleCredentialsWithoutIdTokens() {
        String yaml = """
                variables:
                  GOOGLE_APPLICATION_CREDENTIALS: $CI_PROJECT_DIR/cred.json
                .hidden-template:
                  script: [gcloud auth list]
                unit-tests:
                  script: [mvn -B test]
                launch:
                  image: google/cloud-sdk:slim
                  before_script:
                    - gcloud auth login --cred-file=$GOOGLE_APPLICATION_CREDENTIALS
                  script:
                    - gcloud dataflow jobs run wc --gcs-location=gs://dataflow-templates/latest/Word_Count
                """;
        Diagnosis d = ci(yaml);
        assertThat(d.findings()).extracting(Finding::code).containsExactly(FindingCode.CI_NO_ID_TOKEN);
        Finding f = d.findings().get(0);
        assertThat(f.evidence()).containsEntry("job", "launch");
        assertThat(f.fix()).contains("id_tokens: { GCP_ID_TOKEN: { aud: \"https://gitlab.com\" } }");
    }

    @Test
    void audienceFromACiVariableIsNotJudged() {
        String yaml = """
                deploy:
                  id_tokens:
                    GCP_ID_TOKEN:
                      aud: $GCP_AUDIENCE
                  script: [gcloud dataflow jobs list]
                """;
        Diagnosis d = ci(yaml);
        // the job is checked (and passes) rather than the stage giving up on it
        assertThat(d.findings()).isEmpty();
        assertThat(d.stage(Stage.CI_CONFIG).orElseThrow()).isEqualTo(StageResult.pass(Stage.CI_CONFIG, "1 job(s) checked"));
        // the same job with a literal wrong audience is judged, so the pass above is the variable's doing
        Finding literal = ci(yaml.replace("$GCP_AUDIENCE", "https://gitlab.example.com")).finding(FindingCode.CI_AUDIENCE_MISMATCH)
                .orElseThrow();
        assertThat(literal.evidence()).containsEntry("job", "deploy").containsEntry("actual", "https://gitlab.example.com");
    }

    @Test
    void brokenYamlIsReportedNotThrown() {
        Diagnosis d = ci("deploy:\n  script: [unclosed\n  id_tokens: {");
        assertThat(d.stage(Stage.CI_CONFIG).orElseThrow().status()).isEqualTo(StageResult.Status.SKIPPED);
        assertThat(d.stage(Stage.CI_CONFIG).orElseThrow().detail()).contains("not valid YAML");
        Diagnosis list = ci("- just\n- a list\n");
        assertThat(list.stage(Stage.CI_CONFIG).orElseThrow().detail()).contains("not a map of jobs");
    }
}
