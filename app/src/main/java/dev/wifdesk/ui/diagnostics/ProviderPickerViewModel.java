package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.cloud.ProviderDirectory;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Work;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The provider / service-account picker panel: lists the connected project's providers and
 * service accounts with the real IAM client, off the FX thread, and keeps the session's choice
 * among them. A list read for an old target is dropped ({@code boundTo} the connection).
 */
public final class ProviderPickerViewModel {
    private final DiagnosticsSession session;
    private final ProviderDirectories directories;
    private final ServiceAccountDirectories accounts;
    private final Messages messages;

    private final ObservableList<ProviderChoice> providers = FXCollections.observableArrayList();
    private final ObservableList<String> serviceAccounts = FXCollections.observableArrayList();
    // read-only views kept as fields: a view nobody holds would be collected with its listeners
    private final ObservableList<ProviderChoice> providersView = FXCollections.unmodifiableObservableList(providers);
    private final ObservableList<String> serviceAccountsView = FXCollections.unmodifiableObservableList(serviceAccounts);
    private final ReadOnlyStringWrapper providerStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper serviceAccountStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper providersLoaded = new ReadOnlyBooleanWrapper(false);

    ProviderPickerViewModel(DiagnosticsSession session, ProviderDirectories directories, ServiceAccountDirectories accounts) {
        this.session = session;
        this.directories = directories;
        this.accounts = accounts;
        this.messages = session.messages();
        providerStatus.set(messages.get("diag.provider.waiting"));
        serviceAccountStatus.set(messages.get("diag.sa.waiting"));
    }

    /** A new target: nothing listed for the old one may stay; then list the new one's. */
    void targetChanged() {
        providers.clear();
        providersLoaded.set(false);
        serviceAccounts.clear();
        loadProviders();
        loadServiceAccounts();
    }

    /** Lists the connected project's providers with the real IAM client, off the FX thread. */
    public void loadProviders() {
        Optional<Connection> c = session.connection();
        Optional<Connection.ProjectInfo> project = c.flatMap(Connection::project);
        if (project.isEmpty()) {
            providerStatus.set(messages.get("diag.provider.waiting"));
            return;
        }
        String projectId = project.get().projectId();
        providerStatus.set(messages.get("diag.provider.loading", projectId));
        providersLoaded.set(false);
        ProviderDirectory directory = directories.forConnection(c.get());
        session.executor().run(Work.of(() -> directory.list(projectId))
                .boundTo(session::currentTarget)
                .onSuccess(list -> {
                    providers.setAll(list);
                    var chosen = session.selectedProviderProperty();
                    if (!providers.isEmpty() && (chosen.get() == null || !providers.contains(chosen.get()))) {
                        chosen.set(providers.get(0));
                    }
                    providersLoaded.set(true);
                    providerStatus.set(providers.isEmpty() ? messages.get("diag.provider.none", projectId)
                            : messages.get("diag.provider.count", providers.size(), projectId));
                })
                .onFailure(t -> providerStatus.set(messages.get("diag.provider.failed", ClientErrors.oneLine(t)))));
    }

    /** Lists the connected project's service accounts with the real IAM client, off the FX thread. */
    public void loadServiceAccounts() {
        Optional<Connection> c = session.connection();
        Optional<Connection.ProjectInfo> project = c.flatMap(Connection::project);
        if (project.isEmpty()) {
            serviceAccountStatus.set(messages.get("diag.sa.waiting"));
            return;
        }
        String projectId = project.get().projectId();
        serviceAccountStatus.set(messages.get("diag.sa.loading", projectId));
        session.executor().run(Work.of(() -> accounts.forConnection(c.get()).list(projectId))
                .boundTo(session::currentTarget)
                .onSuccess(list -> {
                    serviceAccounts.setAll(list);
                    // preselect only an unambiguous choice: a Google-managed default account would show a
                    // misleading BINDING_MISSING for every token
                    List<String> ours = serviceAccounts.stream().filter(sa -> !isGoogleManagedDefault(sa)).toList();
                    if (DiagnosticsSession.blank(session.serviceAccountProperty().get()) && ours.size() == 1) {
                        session.serviceAccountProperty().set(ours.get(0));
                    }
                    serviceAccountStatus.set(serviceAccounts.isEmpty() ? messages.get("diag.sa.none", projectId)
                            : messages.get("diag.sa.count", serviceAccounts.size(), projectId));
                })
                .onFailure(t -> serviceAccountStatus.set(messages.get("diag.sa.failed", ClientErrors.oneLine(t)))));
    }

    static boolean isGoogleManagedDefault(String email) {
        return email.endsWith("-compute@developer.gserviceaccount.com") || email.endsWith("@appspot.gserviceaccount.com");
    }

    public ObservableList<ProviderChoice> providers() {
        return providersView;
    }

    public ObservableList<String> serviceAccounts() {
        return serviceAccountsView;
    }

    public ReadOnlyStringProperty providerStatusProperty() {
        return providerStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty serviceAccountStatusProperty() {
        return serviceAccountStatus.getReadOnlyProperty();
    }

    /** True once the provider list of the current connection has been read (empty or not). */
    public ReadOnlyBooleanProperty providersLoadedProperty() {
        return providersLoaded.getReadOnlyProperty();
    }
}
