package dev.wifdesk.ui.setup;

import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.ui.core.Messages;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Step 5, Access: the service account GitLab impersonates (created, or an existing one reused),
 * who may impersonate it (grant entries, one per line), and its project roles (Dataflow developer
 * and worker preselected, more one per line).
 */
public final class AccessStepViewModel extends StepModel {
    static final String DEVELOPER = "roles/dataflow.developer";
    static final String WORKER = "roles/dataflow.worker";
    final StringProperty serviceAccountId = new SimpleStringProperty("");
    final BooleanProperty create = new SimpleBooleanProperty(true);
    final StringProperty grants = new SimpleStringProperty("");
    final BooleanProperty developer = new SimpleBooleanProperty(true);
    final BooleanProperty worker = new SimpleBooleanProperty(true);
    final StringProperty otherRoles = new SimpleStringProperty("");

    public AccessStepViewModel(SetupWizardState state, SpecValidator validator, Messages messages) {
        super(state, validator, messages);
        revalidateOn(serviceAccountId, create, grants, developer, worker, otherRoles);
    }

    @Override
    protected void loadFields() {
        FederationSpec.Gcp gcp = state.spec().gcp();
        serviceAccountId.set(gcp.serviceAccount() == null ? "gitlab-dataflow" : gcp.serviceAccount().id());
        create.set(gcp.serviceAccount() == null || gcp.serviceAccount().create());
        List<String> grant = gcp.grant();
        if (grant.isEmpty()) {
            grant = state.spec().gitlab().map(FederationSpec.GitLab::project).filter(p -> p != null && !p.isBlank())
                    .map(p -> List.of("attribute.project_path/" + p)).orElse(List.of());
        }
        grants.set(String.join("\n", grant));
        developer.set(gcp.projectRoles().contains(DEVELOPER));
        worker.set(gcp.projectRoles().contains(WORKER));
        otherRoles.set(String.join("\n", gcp.projectRoles().stream()
                .filter(r -> !r.equals(DEVELOPER) && !r.equals(WORKER)).toList()));
    }

    @Override
    protected FederationSpec candidate() {
        List<String> roles = new ArrayList<>();
        if (developer.get()) {
            roles.add(DEVELOPER);
        }
        if (worker.get()) {
            roles.add(WORKER);
        }
        lines(otherRoles.get()).stream().filter(r -> !roles.contains(r)).forEach(roles::add);
        return SpecEdits.access(state.spec(), new FederationSpec.ServiceAccount(serviceAccountId.get().strip(),
                create.get()), lines(grants.get()), roles);
    }

    @Override
    protected List<String> fieldPrefixes() {
        return List.of("gcp.serviceAccount", "gcp.grant", "gcp.projectRoles");
    }

    @Override
    protected List<String> ownProblems() {
        return lines(grants.get()).isEmpty() ? List.of(messages.get("setup.access.grantMissing")) : List.of();
    }

    public StringProperty serviceAccountIdProperty() {
        return serviceAccountId;
    }

    public BooleanProperty createProperty() {
        return create;
    }

    public StringProperty grantsProperty() {
        return grants;
    }

    public BooleanProperty developerProperty() {
        return developer;
    }

    public BooleanProperty workerProperty() {
        return worker;
    }

    public StringProperty otherRolesProperty() {
        return otherRoles;
    }
}
