package dev.wifdesk.ui.setup;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.FederationSpec.Gcp;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The wizard's edits of the immutable spec: one section replaced, everything else kept. */
final class SpecEdits {
    static final List<String> DATAFLOW_ROLES = List.of("roles/dataflow.developer", "roles/dataflow.worker");

    private SpecEdits() {
    }

    /** Where a new wizard starts: the recommended ids and roles, nothing the user must still choose. */
    static FederationSpec initial() {
        return new FederationSpec(new Gcp(null, new FederationSpec.Pool("gitlab-ci", "GitLab CI", "Keyless GitLab CI"),
                null, new FederationSpec.ServiceAccount("gitlab-dataflow", true), List.of(), DATAFLOW_ROLES),
                List.of(), Optional.empty(), Optional.empty());
    }

    static FederationSpec gcp(FederationSpec s, UnaryOperator<Gcp> edit) {
        return new FederationSpec(edit.apply(s.gcp()), s.environments(), s.gitlab(), s.dataflow());
    }

    static FederationSpec project(FederationSpec s, String projectId) {
        return gcp(s, g -> new Gcp(projectId, g.pool(), g.provider(), g.serviceAccount(), g.grant(), g.projectRoles()));
    }

    static FederationSpec poolAndProvider(FederationSpec s, FederationSpec.Pool pool, FederationSpec.Provider provider) {
        return gcp(s, g -> new Gcp(g.project(), pool, provider, g.serviceAccount(), g.grant(), g.projectRoles()));
    }

    static FederationSpec access(FederationSpec s, FederationSpec.ServiceAccount sa, List<String> grant,
                                 List<String> roles) {
        return gcp(s, g -> new Gcp(g.project(), g.pool(), g.provider(), sa, grant, roles));
    }

    static FederationSpec environments(FederationSpec s, List<FederationSpec.Environment> environments) {
        return new FederationSpec(s.gcp(), environments, s.gitlab(), s.dataflow());
    }

    static FederationSpec gitlab(FederationSpec s, FederationSpec.GitLab gitlab) {
        return new FederationSpec(s.gcp(), s.environments(), Optional.of(gitlab), s.dataflow());
    }

    /** The GitLab section with only its URL changed (a new one when the spec has none). */
    static FederationSpec gitlabUrl(FederationSpec s, String url, String defaultProject) {
        FederationSpec.GitLab g = s.gitlab().orElse(new FederationSpec.GitLab(null, defaultProject, null, null));
        return gitlab(s, new FederationSpec.GitLab(url, g.project(), g.ref(), g.variables()));
    }
}
