package dev.wifdesk.ui.diagnostics;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Work;
import java.io.IOException;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sample-token panel (sandbox only): the sandbox GitLab mints an ID token as a CI job on a ref would get it. */
public final class SampleTokenViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(SampleTokenViewModel.class);

    private final DiagnosticsSession session;
    private final ProviderDirectories directories;
    private final Messages messages;
    private final StringProperty sampleRef = new SimpleStringProperty("main");
    private final BooleanBinding available;
    /** The token field holds a sandbox-minted sample (cleared when the target changes). */
    private String mintedToken;

    SampleTokenViewModel(DiagnosticsSession session, ProviderDirectories directories) {
        this.session = session;
        this.directories = directories;
        this.messages = session.messages();
        available = Bindings.createBooleanBinding(() -> minter().isPresent(), session.connectionState().connectionProperty());
    }

    private Optional<SandboxGitLab.TokenMinter> minter() {
        return session.connection().flatMap(Connection::sandboxGitLab).flatMap(SandboxGitLab::minter);
    }

    /** A new target: a sample minted by the old sandbox is no input for the new one. */
    void targetChanged() {
        if (mintedToken != null && mintedToken.equals(session.tokenProperty().get())) {
            session.tokenProperty().set("");
        }
        mintedToken = null;
    }

    /**
     * Mints an ID token with the sandbox's own GitLab, as a job on {@link #sampleRefProperty()}
     * would get it, for the chosen provider's first allowed audience (its default audience when
     * it lists none), and puts it in the token field. The token is never logged.
     */
    public void mint() {
        Optional<Connection> c = session.connection();
        Optional<SandboxGitLab.TokenMinter> minter = minter();
        if (minter.isEmpty()) {
            if (!session.busyProperty().get()) {
                session.setInputMessage(messages.get("diag.sample.unavailable"));
            }
            return;
        }
        if (!session.begin()) {
            return;
        }
        String ref = DiagnosticsSession.blank(sampleRef.get()) ? "main" : sampleRef.get().trim();
        ProviderChoice chosen = session.selectedProviderProperty().get();
        session.setInputMessage("");
        session.executor().run(Work.of(() -> {
                    String audience = audienceFor(c.get(), chosen);
                    return new String[] {audience, minter.get().mint(audience, ref)};
                })
                // minted for the target the user switched away from: it must not fill the new one's field
                .boundTo(session::currentTarget)
                .onSuccess(r -> {
                    mintedToken = r[1];
                    session.tokenProperty().set(r[1]);
                    session.setNotice(messages.get("diag.sample.minted", ref));
                    LOG.info("Minted a sample ID token with the sandbox GitLab for ref {} (audience {})", ref, r[0]);
                })
                .onFailure(t -> session.setInputMessage(messages.get("diag.sample.failed", ClientErrors.oneLine(t))))
                .onFinally(session::end));
    }

    /** The provider's first allowed audience, else its default audience; the issuer when no provider is chosen. */
    private String audienceFor(Connection c, ProviderChoice chosen) throws IOException {
        if (chosen == null) {
            return c.sandboxGitLab().map(SandboxGitLab::issuer).orElse("");
        }
        WorkloadIdentityPoolProvider p = directories.forConnection(c).get(chosen.name());
        if (p.getOidc() != null && p.getOidc().getAllowedAudiences() != null && !p.getOidc().getAllowedAudiences().isEmpty()) {
            return p.getOidc().getAllowedAudiences().get(0);
        }
        return ResourceNames.defaultAudiences(ResourceNames.stripPrefix(chosen.name())).get(0);
    }

    public StringProperty sampleRefProperty() {
        return sampleRef;
    }

    /** True when the connected sandbox's GitLab can mint sample tokens (sandbox mode only). */
    public BooleanBinding availableProperty() {
        return available;
    }
}
