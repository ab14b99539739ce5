package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.audit.Redactor;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.cloud.LiveExchange;
import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Work;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live-exchange panel: the real exchange (STS, then IAM Credentials as the service account),
 * as the CI job would make it. On a refusal the server's exact text becomes the error text and
 * the diagnosis runs again. The access token is never kept: only its expiry is shown.
 */
public final class LiveExchangeViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(LiveExchangeViewModel.class);

    private final DiagnosticsSession session;
    private final RunViewModel run;
    private final LiveServices live;
    private final Messages messages;
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding available;
    /** The STS answer this panel put into the error field (forgotten on a success or a target switch). */
    private String lastExchangeText;

    LiveExchangeViewModel(DiagnosticsSession session, RunViewModel run, LiveServices live) {
        this.session = session;
        this.run = run;
        this.live = live;
        this.messages = session.messages();
        available = Bindings.createBooleanBinding(() -> !session.busyProperty().get()
                        && session.connection().flatMap(Connection::clients).isPresent()
                        && session.providerSourceProperty().get() == DiagnosticsSession.ProviderSource.LIVE
                        && session.selectedProviderProperty().get() != null
                        && !DiagnosticsSession.blank(session.serviceAccountProperty().get())
                        && !DiagnosticsSession.blank(session.tokenProperty().get()),
                session.busyProperty(), session.connectionState().connectionProperty(), session.providerSourceProperty(),
                session.selectedProviderProperty(), session.serviceAccountProperty(), session.tokenProperty());
    }

    /** A new target: the old target's STS answer, put in the error field by the exchange, is no input for the new one. */
    void targetChanged() {
        result.set("");
        if (lastExchangeText != null && lastExchangeText.equals(session.errorTextProperty().get())) {
            session.errorTextProperty().set("");
        }
        lastExchangeText = null;
        failed.set(false);
    }

    /** The STS audience the live exchange sends the token to: {@code //iam.googleapis.com/PROVIDER}. */
    public String audience() {
        ProviderChoice p = session.selectedProviderProperty().get();
        return p == null ? "" : ResourceNames.fullName(p.name());
    }

    /** Where the token goes: Google's STS, or the sandbox's. */
    public String target() {
        boolean sandbox = session.connection().map(c -> c.target() == Connection.TargetKind.SANDBOX).orElse(false);
        return messages.get(sandbox ? "diag.exchange.target.sandbox" : "diag.exchange.target.google");
    }

    /** Runs the exchange in the background (the user has confirmed where the token goes). */
    public void exchange() {
        if (!available.get()) {
            session.setInputMessage(messages.get("diag.exchange.unavailable"));
            return;
        }
        Connection conn = session.connection().orElseThrow();
        String idToken = session.tokenProperty().get().trim();
        String audience = audience();
        String sa = session.serviceAccountProperty().get().trim();
        session.begin();
        result.set(messages.get("diag.exchange.running", sa));
        session.executor().run(Work.of(() -> live.exchange().run(conn, idToken, audience, sa))
                // the old target's answer: it must not land in the new target's error field
                .boundTo(session::currentTarget)
                .onSuccess(r -> {
                    session.end();
                    show(r, sa);
                    run.diagnose();
                })
                .onFailure(t -> {
                    session.end();
                    failed.set(true);
                    result.set(messages.get("diag.exchange.error", ClientErrors.oneLine(t)));
                })
                // a target switch cancels the old target's work: the screen must not stay busy
                .onCancelled(() -> {
                    session.end();
                    result.set("");
                }));
    }

    private void show(LiveExchange.Result r, String sa) {
        if (r.succeeded()) {
            failed.set(false);
            result.set(messages.get("diag.exchange.ok", sa, r.accessTokenExpireTime()));
            LOG.info("Live exchange succeeded: STS and IAM Credentials accepted, as {}", sa);
            if (lastExchangeText != null && lastExchangeText.equals(session.errorTextProperty().get())) {
                session.errorTextProperty().set("");
            }
            lastExchangeText = null;
            return;
        }
        String step = messages.get(r.failedStep() == LiveExchange.Step.STS ? "diag.exchange.step.sts" : "diag.exchange.step.iam");
        failed.set(true);
        result.set(messages.get("diag.exchange.failed", step, r.httpStatus(), r.serverText()));
        LOG.info("Live exchange failed at {} (HTTP {}): {}", r.failedStep(), r.httpStatus(), Redactor.redact(r.serverText()));
        lastExchangeText = r.serverText();
        session.errorTextProperty().set(r.serverText());
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public BooleanBinding availableProperty() {
        return available;
    }
}
