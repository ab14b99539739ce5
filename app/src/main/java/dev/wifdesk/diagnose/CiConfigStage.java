package dev.wifdesk.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The project's .gitlab-ci.yml: every job's {@code id_tokens} audiences against the provider,
 * and jobs that use Google credentials without any ID token. {@code default:}, hidden
 * ({@code .name}) templates and {@code extends:} are followed.
 */
final class CiConfigStage implements DiagnosisStage {
    static final int MAX_CHARS = 1_000_000;
    private static final Set<String> KEYWORDS = Set.of("stages", "variables", "default", "include", "workflow", "image",
            "services", "before_script", "after_script", "cache", "spec");
    private static final Pattern USES_GOOGLE = Pattern.compile(
            "GOOGLE_APPLICATION_CREDENTIALS|CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE|\\bgcloud\\b|external_account"
                    + "|WORKLOAD_IDENTITY|\\bWIF_|iam\\.googleapis\\.com|create-cred-config|--cred-file|\\bgsutil\\b|\\bbq\\b",
            Pattern.CASE_INSENSITIVE);

    private final ObjectMapper yaml;

    CiConfigStage() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS * 2);
        options.setMaxAliasesForCollections(100);
        options.setNestingDepthLimit(100);
        this.yaml = new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
    }

    /** Parses the YAML; empty with the reason when it is not a YAML map. */
    Optional<JsonNode> parse(String text, StringBuilder problem) {
        if (text.length() > MAX_CHARS) {
            problem.append("the file is ").append(text.length()).append(" characters, over the ").append(MAX_CHARS).append(" limit");
            return Optional.empty();
        }
        try {
            JsonNode root = yaml.readTree(text);
            if (root == null || !root.isObject()) {
                problem.append("the top level is not a map of jobs");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (Exception e) {
            String msg = String.valueOf(e.getMessage());
            problem.append("not valid YAML: ").append(msg.lines().findFirst().orElse(msg));
            return Optional.empty();
        }
    }

    @Override
    public Stage stage() {
        return Stage.CI_CONFIG;
    }

    @Override
    public StageResult run(DiagnosisContext ctx) {
        if (ctx.input().ciConfig().isEmpty()) {
            return StageResult.skipped(Stage.CI_CONFIG, "no .gitlab-ci.yml given");
        }
        StringBuilder problem = new StringBuilder();
        Optional<JsonNode> parsed = parse(ctx.input().ciConfig().get(), problem);
        if (parsed.isEmpty()) {
            return StageResult.skipped(Stage.CI_CONFIG, ".gitlab-ci.yml " + problem);
        }
        JsonNode root = parsed.get();
        Optional<AudienceNearMiss.Rules> rules = AudienceStage.rules(ctx);
        JsonNode defaults = root.path("default");
        int jobs = 0;
        List<String> problems = new ArrayList<>();
        var it = root.fields();
        while (it.hasNext()) {
            var e = it.next();
            String name = e.getKey();
            if (KEYWORDS.contains(name) || name.startsWith(".") || !e.getValue().isObject()) {
                continue;
            }
            JsonNode job = resolve(root, e.getValue(), 0);
            if (!job.has("script") && !job.has("trigger") && !job.has("run")) {
                continue;
            }
            jobs++;
            JsonNode idTokens = job.has("id_tokens") ? job.get("id_tokens") : defaults.path("id_tokens");
            if (idTokens.isObject() && idTokens.size() > 0) {
                rules.ifPresent(r -> checkAudiences(ctx, name, idTokens, r, problems));
            } else if (usesGoogle(job, root)) {
                problems.add(name + ": no id_tokens");
                String aud = rules.map(r -> r.accepted().get(0)).orElse("AUDIENCE_OF_THE_PROVIDER");
                ctx.add(FindingCode.CI_NO_ID_TOKEN, Severity.ERROR, "Job '" + name + "' uses Google credentials but declares no "
                                + "id_tokens, so GitLab gives it no ID token to exchange.",
                        "Add to the job: id_tokens: { GCP_ID_TOKEN: { aud: \"" + aud + "\" } } and point the credential "
                                + "configuration's credential_source at it.",
                        DiagnosisContext.evidence("job", name));
            }
        }
        if (!problems.isEmpty()) {
            return StageResult.fail(Stage.CI_CONFIG, String.join("; ", problems));
        }
        return StageResult.pass(Stage.CI_CONFIG, jobs + " job(s) checked" + (rules.isEmpty() ? " (audiences not judged: provider unknown)" : ""));
    }

    private static void checkAudiences(DiagnosisContext ctx, String job, JsonNode idTokens, AudienceNearMiss.Rules rules,
                                       List<String> problems) {
        Map<String, String> rejected = new LinkedHashMap<>();
        boolean anyAccepted = false;
        var it = idTokens.fields();
        while (it.hasNext()) {
            var t = it.next();
            JsonNode aud = t.getValue().path("aud");
            List<String> auds = new ArrayList<>();
            if (aud.isArray()) {
                aud.forEach(a -> auds.add(a.asText()));
            } else if (!aud.isMissingNode() && !aud.isNull()) {
                auds.add(aud.asText());
            }
            if (auds.stream().anyMatch(rules::accepts)) {
                anyAccepted = true;
            } else if (!auds.isEmpty()) {
                rejected.put(t.getKey(), auds.get(0));
            }
        }
        if (anyAccepted || rejected.isEmpty()) {
            return;
        }
        rejected.forEach((tokenName, aud) -> {
            if (aud.contains("$")) {
                return; // a CI variable: resolved by GitLab at run time, cannot be judged here
            }
            List<AudienceNearMiss.NearMiss> misses = AudienceNearMiss.analyze(aud, rules);
            String corrected = misses.isEmpty() || misses.get(0).corrected() == null ? rules.accepted().get(0) : misses.get(0).corrected();
            problems.add(job + "." + tokenName + " aud not accepted");
            ctx.add(FindingCode.CI_AUDIENCE_MISMATCH, Severity.ERROR, "Job '" + job + "' requests ID token " + tokenName
                            + " with aud '" + aud + "', which the provider does not accept"
                            + (misses.isEmpty() ? "" : " (" + misses.get(0).code() + ": " + misses.get(0).explanation() + ")") + ".",
                    "In .gitlab-ci.yml set id_tokens: " + tokenName + ": aud: \"" + corrected + "\"",
                    DiagnosisContext.evidence("job", job, "idToken", tokenName, "expected", String.join(",", rules.accepted()),
                            "actual", aud));
        });
    }

    /** The job with its {@code extends:} templates merged underneath (the job's own keys win). */
    private JsonNode resolve(JsonNode root, JsonNode job, int depth) {
        JsonNode ext = job.get("extends");
        if (ext == null || depth > 10) {
            return job;
        }
        ObjectNode merged = yaml.createObjectNode();
        List<String> parents = new ArrayList<>();
        if (ext.isArray()) {
            ext.forEach(x -> parents.add(x.asText()));
        } else {
            parents.add(ext.asText());
        }
        for (String p : parents) {
            JsonNode parent = root.get(p);
            if (parent != null && parent.isObject()) {
                merged.setAll((ObjectNode) resolve(root, parent, depth + 1));
            }
        }
        merged.setAll((ObjectNode) job);
        return merged;
    }

    private static boolean usesGoogle(JsonNode job, JsonNode root) {
        StringBuilder text = new StringBuilder();
        for (String key : List.of("script", "before_script", "after_script", "variables", "image")) {
            text.append(job.path(key).toString()).append('\n');
        }
        if (!job.has("before_script")) {
            text.append(root.path("default").path("before_script").toString()).append(root.path("before_script").toString());
        }
        return USES_GOOGLE.matcher(text).find();
    }
}
