package dev.wifdesk.export;

import dev.wifdesk.model.CiContract;
import dev.wifdesk.model.ResourceNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The verification job that {@code apply} commits into {@code .gitlab-ci.yml} and
 * {@code export --to gitlab-ci} prints, in one place. The job asks GitLab for an ID token with the
 * {@code aud} of {@code WIF_ID_TOKEN_AUD}, writes the credential config with gcloud, logs in with it
 * and launches the Dataflow template as {@code WIF_SERVICE_ACCOUNT}: it reads only the CI/CD
 * variables of CLI.md's table ({@link CiContract}). It runs on the spec's ref only. Pure text: no I/O.
 */
public final class VerificationJobYaml {
    public static final String JOB_NAME = "wif-verify";
    public static final String STAGE = "verify";
    public static final String IMAGE = "google/cloud-sdk:slim";
    /** The variable the job's ID token lands in. */
    public static final String TOKEN_VARIABLE = "GITLAB_OIDC_TOKEN";
    /*
     * The job's files: in its own checkout (not CI_BUILDS_DIR, which other projects' jobs on a shell
     * runner share) and named by the job id (concurrent jobs of one project never share a file);
     * after_script removes them even when the script fails.
     */
    private static final String TOKEN_FILE = "${CI_PROJECT_DIR}/.wifdesk-oidc-token-${CI_JOB_ID}";
    private static final String CRED_CONFIG = "${CI_PROJECT_DIR}/.wifdesk-cred-config-${CI_JOB_ID}.json";
    /** gcloud's {@code --flags-file} holding the launch's {@code --parameters} mapping. */
    private static final String FLAGS_FILE = "${CI_PROJECT_DIR}/.wifdesk-dataflow-flags-${CI_JOB_ID}.json";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]*");

    private VerificationJobYaml() {
    }

    /** {@code wif-verify}, or {@code wif-verify-ENV} for an environment's job. */
    public static String jobName(String environment) {
        return environment == null ? JOB_NAME : JOB_NAME + "-" + environment;
    }

    /**
     * The job blocks, name -> YAML text (each starts with {@code NAME:} at column 0 and ends with a
     * newline): one {@code wif-verify} without environments, else one per environment, in order.
     */
    public static Map<String, String> jobs(String ref, List<String> environments) {
        Map<String, String> out = new LinkedHashMap<>();
        if (environments == null || environments.isEmpty()) {
            out.put(JOB_NAME, job(ref, null));
        } else {
            environments.forEach(env -> out.put(jobName(env), job(ref, env)));
        }
        return out;
    }

    /** A whole {@code .gitlab-ci.yml} holding only the verification job(s) (what an empty file becomes). */
    public static String file(String ref, List<String> environments) {
        StringBuilder out = new StringBuilder("stages:\n  - ").append(STAGE).append('\n');
        jobs(ref, environments).values().forEach(job -> out.append('\n').append(job));
        return out.toString();
    }

    /** One job block; {@code environment} null for the project-wide job. */
    public static String job(String ref, String environment) {
        Objects.requireNonNull(ref, "ref");
        if (ref.isBlank() || ref.contains("\"") || ref.contains("'") || ref.contains("\n")) {
            throw new IllegalArgumentException("ref must be a branch or tag name without quotes: " + ref);
        }
        StringBuilder y = new StringBuilder();
        y.append(scalar(jobName(environment))).append(":\n");
        y.append("  stage: ").append(STAGE).append('\n');
        y.append("  image: ").append(IMAGE).append('\n');
        if (environment != null) {
            y.append("  environment: ").append(scalar(environment)).append('\n');
        }
        y.append("  id_tokens:\n");
        y.append("    ").append(TOKEN_VARIABLE).append(":\n");
        y.append("      aud: $").append(CiContract.ID_TOKEN_AUD).append('\n');
        y.append("  rules:\n");
        y.append("    - if: '$CI_COMMIT_REF_NAME == \"").append(ref).append("\"'\n");
        y.append("  script:\n");
        y.append("    - echo \"${").append(TOKEN_VARIABLE).append("}\" > \"").append(TOKEN_FILE).append("\"\n");
        // gcloud prefixes the AUDIENCE argument with //iam.googleapis.com/; the variable already holds the full name
        y.append("    - gcloud iam workload-identity-pools create-cred-config \"${").append(CiContract.PROVIDER)
                .append('#').append(ResourceNames.IAM_PREFIX).append("}\"\n");
        y.append("      --service-account=\"${").append(CiContract.SERVICE_ACCOUNT).append("}\"\n");
        y.append("      --credential-source-file=\"").append(TOKEN_FILE).append("\"\n");
        y.append("      --output-file=\"").append(CRED_CONFIG).append("\"\n");
        y.append("    - gcloud auth login --cred-file=\"").append(CRED_CONFIG).append("\"\n");
        // gcloud reads --parameters as KEY=VALUE,...; the variable holds JSON, which a flags file takes as it is
        y.append("    - printf '%s' \"{\\\"--parameters\\\":${").append(CiContract.DATAFLOW_PARAMETERS)
                .append("}}\" > \"").append(FLAGS_FILE).append("\"\n");
        y.append("    - gcloud dataflow jobs run \"wifdesk-verify-${CI_PIPELINE_ID}\"\n");
        y.append("      --gcs-location=\"${").append(CiContract.DATAFLOW_TEMPLATE).append("}\"\n");
        y.append("      --region=\"${").append(CiContract.DATAFLOW_REGION).append("}\"\n");
        y.append("      --project=\"${").append(CiContract.GCP_PROJECT_ID).append("}\"\n");
        y.append("      --staging-location=\"${").append(CiContract.DATAFLOW_TEMP_LOCATION).append("}\"\n");
        y.append("      --service-account-email=\"${").append(CiContract.SERVICE_ACCOUNT).append("}\"\n");
        y.append("      --flags-file=\"").append(FLAGS_FILE).append("\"\n");
        y.append("  after_script:\n");
        y.append("    - rm -f \"").append(TOKEN_FILE).append("\" \"").append(CRED_CONFIG).append("\" \"").append(FLAGS_FILE)
                .append("\"\n");
        return y.toString();
    }

    /** A YAML scalar: plain when it is a simple name, else single-quoted. */
    private static String scalar(String value) {
        return PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "''") + "'";
    }
}
