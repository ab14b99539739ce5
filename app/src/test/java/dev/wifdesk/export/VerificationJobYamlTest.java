package dev.wifdesk.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wifdesk.model.CiContract;
import dev.wifdesk.plan.CiConfigFile;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The verification job's text: GitLab's schema accepts it, and it reads exactly CLI.md's variables. */
class VerificationJobYamlTest {
    static final String ORDINARY = """
            # an ordinary project file
            stages:
              - build
              - test

            build:
              stage: build
              image: maven:3.9-eclipse-temurin-17
              script:
                - mvn -B package

            unit-tests:
              stage: test
              script:
                - mvn -B test
            """;

    @Test
    void anOrdinaryFileWithTheJobValidatesAgainstGitLabsSchema() throws Exception {
        String merged = CiConfigFile.merge(ORDINARY, VerificationJobYaml.jobs("main", List.of()));
        assertThat(GitLabCiSchema.validate(merged)).as(merged).isEmpty();
        String perEnvironment = CiConfigFile.merge(ORDINARY, VerificationJobYaml.jobs("main", List.of("production", "staging")));
        assertThat(GitLabCiSchema.validate(perEnvironment)).as(perEnvironment).isEmpty();
        assertThat(GitLabCiSchema.validate(VerificationJobYaml.file("release/2.x", List.of("prod eu")))).isEmpty();
    }

    @Test
    void theSchemaCheckCanFail() throws Exception {
        // the validator really judges: a job with id_tokens of the wrong shape is refused
        String broken = VerificationJobYaml.file("main", List.of()).replace("aud: $WIF_ID_TOKEN_AUD", "aud: {x: 1}");
        assertThat(GitLabCiSchema.validate(broken)).isNotEmpty();
    }

    @Test
    void theJobAsksForItsTokenRunsOnTheRefAndPerEnvironmentDeclaresTheEnvironment() throws Exception {
        JsonNode job = new YAMLMapper().readTree(VerificationJobYaml.file("main", List.of())).get("wif-verify");
        assertThat(job.get("stage").asText()).isEqualTo("verify");
        assertThat(job.get("image").asText()).isEqualTo("google/cloud-sdk:slim");
        assertThat(job.at("/id_tokens/GITLAB_OIDC_TOKEN/aud").asText()).isEqualTo("$" + CiContract.ID_TOKEN_AUD);
        assertThat(job.at("/rules/0/if").asText()).isEqualTo("$CI_COMMIT_REF_NAME == \"main\"");
        assertThat(job.has("environment")).isFalse();

        JsonNode file = new YAMLMapper().readTree(VerificationJobYaml.file("main", List.of("production", "staging")));
        assertThat(file.fieldNames()).toIterable().containsExactly("stages", "wif-verify-production", "wif-verify-staging");
        assertThat(file.at("/wif-verify-production/environment").asText()).isEqualTo("production");
        assertThat(file.at("/wif-verify-staging/environment").asText()).isEqualTo("staging");
        assertThatThrownBy(() -> VerificationJobYaml.job("ma\"in", null)).hasMessageContaining("ref");
    }

    @Test
    void theFilesTheJobWritesAreItsOwnAndRemovedEvenWhenTheScriptFails() throws Exception {
        JsonNode job = new YAMLMapper().readTree(VerificationJobYaml.file("main", List.of("production", "staging")))
                .get("wif-verify-production");
        Set<String> written = new TreeSet<>();
        StringBuilder script = new StringBuilder();
        job.get("script").forEach(l -> script.append(l.asText()).append('\n'));
        Matcher m = Pattern.compile("(?:> |--output-file=)\"([^\"]+)\"").matcher(script);
        while (m.find()) {
            written.add(m.group(1));
        }
        // the ID token, the credential config and the flags file
        assertThat(written).hasSize(3).allSatisfy(f -> assertThat(f).startsWith("${CI_PROJECT_DIR}/").contains("${CI_JOB_ID}"));
        assertThat(job.get("after_script")).singleElement().satisfies(line -> {
            assertThat(line.asText()).startsWith("rm -f ");
            written.forEach(f -> assertThat(line.asText()).contains("\"" + f + "\""));
        });
    }

    @Test
    void theScriptReadsExactlyTheVariablesOfCliMdsTable() throws Exception {
        JsonNode job = new YAMLMapper().readTree(VerificationJobYaml.file("main", List.of())).get("wif-verify");
        List<String> script = new java.util.ArrayList<>();
        job.get("script").forEach(l -> script.add(l.asText()));
        String text = String.join("\n", script);
        Set<String> read = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)").matcher(text + "\n$" + CiContract.ID_TOKEN_AUD);
        while (m.find()) {
            if (!m.group(1).startsWith("CI_")) {
                read.add(m.group(1));
            }
        }
        assertThat(read).containsExactlyInAnyOrder(CiContract.PROVIDER, CiContract.SERVICE_ACCOUNT, CiContract.ID_TOKEN_AUD,
                CiContract.GCP_PROJECT_ID, CiContract.DATAFLOW_REGION, CiContract.DATAFLOW_TEMPLATE,
                CiContract.DATAFLOW_TEMP_LOCATION, CiContract.DATAFLOW_PARAMETERS, VerificationJobYaml.TOKEN_VARIABLE);
        assertThat(script).anySatisfy(l -> assertThat(l)
                .startsWith("gcloud iam workload-identity-pools create-cred-config \"${WIF_PROVIDER#//iam.googleapis.com/}\"")
                .contains("--service-account=\"${WIF_SERVICE_ACCOUNT}\""));
        // the Dataflow worker runs as the federated service account, not the Compute default (WIF-FACTS #23)
        assertThat(script).anySatisfy(l -> assertThat(l).startsWith("gcloud dataflow jobs run")
                .contains("--service-account-email=\"${WIF_SERVICE_ACCOUNT}\"").contains("--project=\"${GCP_PROJECT_ID}\"")
                .contains("--staging-location=\"${DATAFLOW_TEMP_LOCATION}\"")
                .contains("--flags-file=").doesNotContain("--parameters"));
        // the parameters (JSON) reach gcloud as a flags file's mapping, not as KEY=VALUE text
        assertThat(script).anySatisfy(l -> assertThat(l).startsWith("printf '%s' \"{\\\"--parameters\\\":${DATAFLOW_PARAMETERS}}\" >"));
    }
}
