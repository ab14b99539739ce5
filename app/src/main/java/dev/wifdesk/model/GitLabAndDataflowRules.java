package dev.wifdesk.model;

import java.util.List;

/** The rules of the optional sections {@code gitlab.*} and {@code dataflow.*}. */
final class GitLabAndDataflowRules {
    private GitLabAndDataflowRules() {
    }

    static void gitlab(FederationSpec spec, List<SpecProblem> out) {
        FederationSpec.GitLab g = spec.gitlab().orElse(null);
        if (g == null) {
            return;
        }
        if (g.url() == null || g.url().isBlank()) {
            out.add(SpecProblem.of("gitlab.url", "is missing", SpecRules.REQUIRED));
        } else {
            boolean ok = HttpUrls.isGitLabUrl(g.url());
            if (!ok) {
                out.add(SpecProblem.of("gitlab.url", SpecText.quote(g.url()) + " is not an https URL", SpecRules.GITLAB_URL));
            }
        }
        if (g.project() == null || g.project().isBlank()) {
            out.add(SpecProblem.of("gitlab.project", "is missing", SpecRules.REQUIRED));
        } else if (!GitLabPaths.isProjectPath(g.project())) {
            out.add(SpecProblem.of("gitlab.project", SpecText.quote(g.project()) + " is not a group/project path",
                    SpecRules.GITLAB_PROJECT));
        }
        String ref = g.ref();
        if (ref.isBlank() || ref.chars().anyMatch(c -> Character.isWhitespace(c) || "~^:?*[\\".indexOf(c) >= 0)
                || ref.contains("..") || ref.startsWith("/") || ref.endsWith("/") || ref.endsWith(".lock")) {
            out.add(SpecProblem.of("gitlab.ref", SpecText.quote(ref) + " is not a valid git ref name", SpecRules.GIT_REF));
        }
        if (!FederationSpec.GitLab.VERIFICATION_JOB_MODES.contains(g.verificationJob())) {
            out.add(SpecProblem.of("gitlab.verificationJob", SpecText.quote(g.verificationJob()) + " is not one of "
                    + String.join(", ", FederationSpec.GitLab.VERIFICATION_JOB_MODES), SpecRules.VERIFICATION_JOB));
        }
        if (g.variables().environmentScope().isBlank()) {
            out.add(SpecProblem.of("gitlab.variables.environmentScope", "is empty", SpecRules.ENVIRONMENT_SCOPE));
        }
    }

    static void dataflow(FederationSpec spec, List<SpecProblem> out) {
        FederationSpec.Dataflow d = spec.dataflow().orElse(null);
        if (d == null) {
            return;
        }
        if (d.region() == null || d.region().isBlank()) {
            out.add(SpecProblem.of("dataflow.region", "is missing", SpecRules.REQUIRED));
        } else if (!SpecRules.REGION.matcher(d.region()).matches()) {
            out.add(SpecProblem.of("dataflow.region", SpecText.quote(d.region()) + " is not a region name", SpecRules.DATAFLOW_REGION));
        }
        if (d.template() == null || d.template().isBlank()) {
            out.add(SpecProblem.of("dataflow.template", "is missing", SpecRules.REQUIRED));
        } else if (!SpecRules.GCS_PATH.matcher(d.template()).matches()) {
            out.add(SpecProblem.of("dataflow.template", SpecText.quote(d.template()) + " is not a Cloud Storage object path",
                    SpecRules.DATAFLOW_TEMPLATE));
        }
        if (d.tempLocation() != null && !SpecRules.GCS_PATH.matcher(d.tempLocation()).matches()) {
            out.add(SpecProblem.of("dataflow.tempLocation", SpecText.quote(d.tempLocation())
                    + " is not a Cloud Storage path", SpecRules.DATAFLOW_TEMP_LOCATION));
        }
    }

}
