package dev.wifdesk.plan.setup;

import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.FieldDiff;
import dev.wifdesk.plan.GitLabVariables;
import dev.wifdesk.plan.Step;
import dev.wifdesk.export.VerificationJobYaml;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.plan.CiConfigFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.gitlab4j.api.GitLabApi;

/**
 * The GitLab project's wiring: its CI/CD variables (CLI.md's table, per environment scope). The
 * values are names computed before the resources exist, so this step waits for none of them.
 */
final class GitLabSteps {
    static final String VARIABLES = SetupStepIds.GITLAB_VARIABLES;
    static final String CI_FILE = SetupStepIds.CI_FILE;

    private GitLabSteps() {
    }

    static List<GitLabVariables.Wanted> wanted(SetupValues v) {
        return v.gitlabVariables().stream().map(x -> new GitLabVariables.Wanted(x.key(), x.value(), x.isProtected(),
                x.masked(), x.environmentScope())).toList();
    }

    static Step variables(SetupValues v, ObservedState seen) {
        String project = v.gitlabProjectPath();
        List<GitLabVariables.Difference> differences = GitLabVariables.differences(seen.gitlabVariables(), wanted(v));
        List<FieldDiff> diff = differences.stream().map(d -> new FieldDiff(
                d.wanted().key() + " [" + d.wanted().scope() + "]",
                d.missing() ? "" : describe(d.existing().getValue(), Boolean.TRUE.equals(d.existing().getProtected()),
                        Boolean.TRUE.equals(d.existing().getMasked())),
                describe(d.wanted().value(), d.wanted().isProtected(), d.wanted().masked()))).toList();
        Action action = GitLabVariables.action(differences);
        StringBuilder glab = new StringBuilder();
        differences.forEach(d -> glab.append(glab.length() == 0 ? "" : "\n").append("glab variable ")
                .append(d.missing() ? "set " : "update ").append(d.wanted().key()).append(" --repo ").append(project)
                .append(" --scope ").append(Gcloud.quote(d.wanted().scope()))
                .append(d.wanted().isProtected() ? " --protected" : "").append(d.wanted().masked() ? " --masked" : "")
                .append(" --value ").append(Gcloud.quote(d.wanted().value())));
        return new Step(VARIABLES, action, project, "GitLab CI/CD variables of " + project, diff,
                action == Action.NONE ? "" : "gitlab projects.variables create/update", glab.toString(), List.of(),
                c -> GitLabVariables.ensure(c, project, wanted(v)));
    }

    /**
     * The verification job(s) in {@code .gitlab-ci.yml} (one per environment), edited into the file
     * (other jobs kept), as the spec's {@code gitlab.verificationJob} says: a merge request, a commit
     * to the ref, or nothing.
     */
    static Step ciFile(SetupValues v, GitLabApi gitlab) throws IOException {
        FederationSpec.GitLab g = v.spec().gitlab().orElseThrow();
        CiConfigFile.Mode mode = CiConfigFile.Mode.of(g.verificationJob());
        Map<String, String> jobs = VerificationJobYaml.jobs(g.ref(),
                v.spec().environments().stream().map(FederationSpec.Environment::name).toList());
        String project = v.gitlabProjectPath();
        CiConfigFile.Planned planned = CiConfigFile.planned(gitlab, project, g.ref(), mode, jobs);
        Action action = planned.action();
        List<FieldDiff> diff = List.of();
        if (action != Action.NONE) {
            diff = CiConfigFile.diff(planned.onRef().orElse(""), planned.merged().orElseThrow()).stream()
                    .map(line -> new FieldDiff(CiConfigFile.PATH, "", line)).toList();
        }
        String how = switch (mode) {
            case COMMIT -> "committed to " + g.ref();
            case MERGE_REQUEST -> "on branch " + CiConfigFile.BRANCH + " with a merge request into " + g.ref();
            case NONE -> "left alone (verificationJob: none)";
        };
        return new Step(CI_FILE, action, project + ":" + CiConfigFile.PATH,
                "The verification job(s) " + String.join(", ", jobs.keySet()) + " in " + CiConfigFile.PATH + ", " + how,
                diff, action == Action.NONE ? "" : "gitlab repository files/branches/merge_requests",
                action == Action.NONE ? "" : "wifdesk export --to gitlab-ci --spec SPEC   # the same job, to paste by hand",
                List.of(), c -> CiConfigFile.ensure(c, project, g.ref(), mode, jobs));
    }

    private static String describe(String value, boolean isProtected, boolean masked) {
        return value + (isProtected ? " (protected)" : "") + (masked ? " (masked)" : "");
    }
}
