package dev.wifdesk.export;

import dev.wifdesk.model.FederationSpec;

/**
 * {@code export --to gitlab-ci}: the verification job(s) apply edits into {@code .gitlab-ci.yml}, as a
 * file of their own (stages + jobs) that validates against GitLab's schema; the job reads the CI/CD
 * variables apply writes, so it carries no project value itself.
 */
final class GitLabCiExport implements Exporter {
    @Override
    public boolean needsProjectNumber() {
        return false;
    }

    @Override
    public String export(ExportRequest request) {
        FederationSpec spec = request.spec();
        String ref = spec.gitlab().map(FederationSpec.GitLab::ref).orElse("main");
        return VerificationJobYaml.file(ref, spec.environments().stream().map(FederationSpec.Environment::name).toList());
    }
}
