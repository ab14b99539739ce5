package dev.wifdesk.verify;

import dev.wifdesk.plan.setup.SetupStepIds;
import dev.wifdesk.diagnose.Diagnosis;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.diagnose.DiagnosisInput;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.Severity;
import java.util.ArrayList;
import java.util.List;
import org.gitlab4j.api.models.Variable;

/**
 * GitLab's side: the CI/CD variables hold what apply writes (SetupValues), and the
 * {@code .gitlab-ci.yml} job asks for an audience the provider accepts (the diagnosis engine's CI
 * config stage, the one {@code diagnose --ci-config} runs).
 */
final class GitLabChecks {
    private final PreflightState state;
    private final SetupValues v;
    private final DiagnosisEngine engine;

    GitLabChecks(PreflightState state, DiagnosisEngine engine) {
        this.state = state;
        this.v = state.values();
        this.engine = engine;
    }

    CheckResult variables() {
        if (v.spec().gitlab().isEmpty()) {
            return CheckResult.skipped(Layer.PREFLIGHT, CheckNames.GITLAB_VARIABLES, "the spec has no gitlab: section");
        }
        if (state.gitlab().variablesProblem().isPresent()) {
            return CheckResult.fail(Layer.PREFLIGHT, CheckNames.GITLAB_VARIABLES, state.gitlab().variablesProblem().get(),
                    List.of(), "", List.of());
        }
        List<String> wrong = new ArrayList<>();
        for (SetupValues.Variable want : v.gitlabVariables()) {
            String id = want.key() + " [" + want.environmentScope() + "]";
            Variable have = state.gitlab().variables().get(id);
            if (have == null) {
                wrong.add(id + " missing");
            } else if (!want.value().equals(have.getValue())) {
                // values are not secret here (names and ids), but only the key is named: a variable may hold anything
                wrong.add(id + " holds another value than apply writes");
            } else if (want.isProtected() != Boolean.TRUE.equals(have.getProtected())) {
                wrong.add(id + (want.isProtected() ? " is not protected" : " is protected (the spec says not)"));
            }
        }
        int n = v.gitlabVariables().size();
        if (wrong.isEmpty()) {
            return CheckResult.pass(Layer.PREFLIGHT, CheckNames.GITLAB_VARIABLES, n + " variables of "
                    + v.gitlabProjectPath() + " hold what apply writes");
        }
        return CheckResult.fail(Layer.PREFLIGHT, CheckNames.GITLAB_VARIABLES, String.join("; ", wrong),
                List.of(), "wifdesk apply --spec FILE (writes the CI/CD variables)", List.of(SetupStepIds.GITLAB_VARIABLES));
    }

    CheckResult ciConfig() {
        if (v.spec().gitlab().isEmpty()) {
            return CheckResult.skipped(Layer.PREFLIGHT, CheckNames.CI_CONFIG, "the spec has no gitlab: section");
        }
        if (state.gitlab().problem().isPresent() || state.gitlab().refProblem().isPresent()) {
            // no pipeline can run there: a failure, not an optional check left out
            return CheckResult.fail(Layer.PREFLIGHT, CheckNames.CI_CONFIG, state.gitlab().problem()
                    .orElse(state.gitlab().refProblem().orElse("")), List.of(), "", List.of());
        }
        if (state.gitlab().ciConfig().isEmpty()) {
            return CheckResult.skipped(Layer.PREFLIGHT, CheckNames.CI_CONFIG, state.gitlab().ciProblem());
        }
        DiagnosisInput.Builder in = DiagnosisInput.builder().ciConfig(state.gitlab().ciConfig().get())
                .projectNumber(v.projectNumber()).projectId(v.projectId());
        state.provider().ifPresent(in::provider);
        Diagnosis d = engine.diagnose(in.build());
        List<Finding> ci = d.findings().stream().filter(f -> f.code().name().startsWith("CI_")).toList();
        String detail = d.stage(dev.wifdesk.diagnose.Stage.CI_CONFIG).map(s -> s.detail()).orElse("");
        return ci.stream().anyMatch(f -> f.severity() == Severity.ERROR)
                ? CheckResult.fail(Layer.PREFLIGHT, CheckNames.CI_CONFIG, detail, ci, "", List.of())
                : new CheckResult(Layer.PREFLIGHT, CheckNames.CI_CONFIG, CheckStatus.PASS, detail, ci, "", List.of());
    }
}
