package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.diagnose.fix.BindingFixPlanner;
import dev.wifdesk.diagnose.fix.ClaimRow;
import dev.wifdesk.diagnose.fix.ClaimsTable;
import dev.wifdesk.diagnose.fix.ProviderChange;
import dev.wifdesk.model.Finding;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.ClipboardWriter;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The Diagnostics screen as a few panels around one {@link DiagnosticsSession}: inputs, the
 * provider / service-account picker, the sample token, the run and its results, the fixes, the
 * live exchange and the latest failures, each its own view model. This class builds them around
 * one session and keeps the screen's one entry point (and the accessors tests and the controller
 * use). The token is never logged and never leaves the process except in a confirmed live exchange.
 */
public final class DiagnosticsViewModel {
    private final DiagnosticsSession session;
    private final InputsViewModel inputs;
    private final ProviderPickerViewModel picker;
    private final SampleTokenViewModel sample;
    private final RunViewModel run;
    private final FixesViewModel fixes;
    private final LiveExchangeViewModel exchange;
    private final LatestFailuresViewModel latestFailures;
    private final ObjectProperty<DiagnosticsSession.ProviderSource> providerSource;

    public DiagnosticsViewModel(DiagnosisService engine, ProviderDirectories directories, ConnectionState connection,
                                UiExecutor executor, Messages messages, ClipboardWriter clipboard, ClaimsTable claimsTable,
                                Clock clock, LiveServices live, BindingFixPlanner bindingPlanner) {
        session = new DiagnosticsSession(connection, executor, messages);
        inputs = new InputsViewModel(session);
        picker = new ProviderPickerViewModel(session, directories, live.serviceAccounts());
        sample = new SampleTokenViewModel(session, directories);
        run = new RunViewModel(session, engine, directories, live, claimsTable, clock);
        fixes = new FixesViewModel(session, run, directories, live, clipboard, clock, bindingPlanner);
        exchange = new LiveExchangeViewModel(session, run, live);
        // on a switch: first forget what belonged to the old target, then list the new one's
        session.onTargetChange(sample::targetChanged);
        session.onTargetChange(exchange::targetChanged);
        session.onTargetChange(picker::targetChanged);
        latestFailures = new LatestFailuresViewModel(live.failures(), connection, executor, messages, run::showJob);
        providerSource = session.providerSourceProperty();
    }

    /** The screen is closed: nothing of it keeps listening to the app's connection. */
    public void dispose() {
        session.dispose();
        latestFailures.dispose();
    }

    public DiagnosticsSession session() {
        return session;
    }

    public InputsViewModel inputs() {
        return inputs;
    }

    public ProviderPickerViewModel picker() {
        return picker;
    }

    public SampleTokenViewModel sampleToken() {
        return sample;
    }

    public RunViewModel run() {
        return run;
    }

    public FixesViewModel fixes() {
        return fixes;
    }

    public LiveExchangeViewModel exchange() {
        return exchange;
    }

    public LatestFailuresViewModel latestFailures() {
        return latestFailures;
    }

    // ---- the screen's actions (each delegates to its panel) ----------------------------------

    /** Lists providers and service accounts again (after the demo setup made some). */
    public void reloadLive() {
        picker.loadProviders();
        picker.loadServiceAccounts();
    }

    public void loadProviders() {
        picker.loadProviders();
    }

    public void loadServiceAccounts() {
        picker.loadServiceAccounts();
    }

    public void mintSampleToken() {
        sample.mint();
    }

    public boolean acceptInput(String fieldKey, int maxChars, long length) {
        return inputs.acceptInput(fieldKey, maxChars, length);
    }

    public void loadDroppedFile(InputsViewModel.Field field, Path file) {
        inputs.loadDroppedFile(field, file);
    }

    public void clearInputs() {
        inputs.clearInputs();
    }

    public void diagnose() {
        run.diagnose();
    }

    public String copyFix(Finding finding) {
        return fixes.copyFix(finding);
    }

    public Optional<ProviderChange> proposeFix(Finding finding) {
        return fixes.proposeFix(finding);
    }

    public void applyFix(ProviderChange change) {
        fixes.applyFix(change);
    }

    public Optional<PolicyChange> proposeBindingFix(Finding finding) {
        return fixes.proposeBindingFix(finding);
    }

    public void applyBindingFix(PolicyChange change) {
        fixes.applyBindingFix(change);
    }

    public String exchangeAudience() {
        return exchange.audience();
    }

    public String exchangeTarget() {
        return exchange.target();
    }

    public void liveExchange() {
        exchange.exchange();
    }

    // ---- inputs ------------------------------------------------------------------------------

    public StringProperty tokenProperty() {
        return session.tokenProperty();
    }

    public StringProperty errorTextProperty() {
        return session.errorTextProperty();
    }

    public StringProperty providerJsonProperty() {
        return session.providerJsonProperty();
    }

    public ObjectProperty<DiagnosticsSession.ProviderSource> providerSourceProperty() {
        return providerSource;
    }

    public ObjectProperty<ProviderChoice> selectedProviderProperty() {
        return session.selectedProviderProperty();
    }

    public StringProperty serviceAccountProperty() {
        return session.serviceAccountProperty();
    }

    public StringProperty sampleRefProperty() {
        return sample.sampleRefProperty();
    }

    // ---- outputs (read-only) -----------------------------------------------------------------

    public ObservableList<ProviderChoice> providers() {
        return picker.providers();
    }

    public ReadOnlyStringProperty providerStatusProperty() {
        return picker.providerStatusProperty();
    }

    public ReadOnlyBooleanProperty providersLoadedProperty() {
        return picker.providersLoadedProperty();
    }

    public ObservableList<String> serviceAccounts() {
        return picker.serviceAccounts();
    }

    public ReadOnlyStringProperty serviceAccountStatusProperty() {
        return picker.serviceAccountStatusProperty();
    }

    public BooleanBinding sampleTokensAvailableProperty() {
        return sample.availableProperty();
    }

    public ReadOnlyStringProperty inputMessageProperty() {
        return session.inputMessageProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return session.noticeProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return session.busyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return run.verdictProperty();
    }

    public ObservableList<DiagnosisReport.Stage> stages() {
        return run.stages();
    }

    public ObservableList<Finding> findings() {
        return run.findings();
    }

    public ObservableList<ClaimRow> claims() {
        return run.claims();
    }

    public ReadOnlyObjectProperty<DiagnosisReport> reportProperty() {
        return run.reportProperty();
    }

    public ReadOnlyStringProperty liveNoteProperty() {
        return run.liveNoteProperty();
    }

    public ReadOnlyStringProperty exchangeResultProperty() {
        return exchange.resultProperty();
    }

    public ReadOnlyBooleanProperty exchangeFailedProperty() {
        return exchange.failedProperty();
    }

    public BooleanBinding exchangeAvailableProperty() {
        return exchange.availableProperty();
    }
}
