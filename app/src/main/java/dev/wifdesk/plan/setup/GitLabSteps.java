package dev.wifdesk.plan.setup;

import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.Action;
import dev.wifdesk.plan.FieldDiff;
import dev.wifdesk.plan.GitLabVariables;
import dev.wifdesk.plan.Step;
import java.util.List;

/**
 * The GitLab project's wiring: its CI/CD variables (CLI.md's table, per environment scope). The
 * values are names computed before the resources exist, so this step waits for none of them.
 */
final class GitLabSteps {
    static final String VARIABLES = "gitlab-variables";

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

    private static String describe(String value, boolean isProtected, boolean masked) {
        return value + (isProtected ? " (protected)" : "") + (masked ? " (masked)" : "");
    }
}
