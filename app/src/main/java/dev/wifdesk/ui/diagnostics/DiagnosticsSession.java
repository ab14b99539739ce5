package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.Subscription;

/**
 * What the Diagnostics panels share (as Scene Builder's panels share one editor): the connection,
 * the inputs, the last run as one property, and one busy flag (one cloud call of the screen at a
 * time). The panels' view models read and write it; none of them talks to another directly.
 * No toolkit needed: JavaFX properties only.
 */
public final class DiagnosticsSession {
    /** Where the provider comes from: the connected project, or pasted JSON. */
    public enum ProviderSource { LIVE, JSON }

    private final ConnectionState connection;
    private final UiExecutor executor;
    private final Messages messages;

    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty errorText = new SimpleStringProperty("");
    private final StringProperty providerJson = new SimpleStringProperty("");
    private final ObjectProperty<ProviderSource> providerSource = new SimpleObjectProperty<>(ProviderSource.LIVE);
    private final ObjectProperty<ProviderChoice> selectedProvider = new SimpleObjectProperty<>();
    private final StringProperty serviceAccount = new SimpleStringProperty("");

    private final ReadOnlyObjectWrapper<DiagnosisRun> lastRun = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper inputMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    private final List<Runnable> onTargetChange = new ArrayList<>();
    private final Subscription connectionWatch;

    public DiagnosticsSession(ConnectionState connection, UiExecutor executor, Messages messages) {
        this.connection = connection;
        this.executor = executor;
        this.messages = messages;
        // the app's connection outlives the screen: this subscription ends with dispose()
        this.connectionWatch = connection.connectionProperty().subscribe((old, c) -> targetChanged());
    }

    /** A new target: nothing chosen or shown for the old one may stay; then each panel reloads, in order. */
    private void targetChanged() {
        selectedProvider.set(null);
        serviceAccount.set("");
        lastRun.set(null);
        notice.set("");
        inputMessage.set("");
        List.copyOf(onTargetChange).forEach(Runnable::run);
    }

    /** Panels register what they forget and reload on a target switch (run in registration order). */
    void onTargetChange(Runnable action) {
        onTargetChange.add(action);
    }

    /** Ends the subscription to the app's connection (the screen is closed). */
    public void dispose() {
        connectionWatch.unsubscribe();
        onTargetChange.clear();
    }

    public Optional<Connection> connection() {
        return connection.current();
    }

    /** The stale-target guard for {@code Work.boundTo}: work of another target delivers nothing. */
    Connection currentTarget() {
        return connection.connectionProperty().get();
    }

    ConnectionState connectionState() {
        return connection;
    }

    UiExecutor executor() {
        return executor;
    }

    Messages messages() {
        return messages;
    }

    // ---- busy: one cloud call of the screen at a time ---------------------------------------

    /** Claims the screen for one piece of work; false when another one is in flight. */
    boolean begin() {
        if (busy.get()) {
            return false;
        }
        busy.set(true);
        return true;
    }

    void end() {
        busy.set(false);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    // ---- outputs shared by the panels --------------------------------------------------------

    void setLastRun(DiagnosisRun run) {
        lastRun.set(run);
    }

    public ReadOnlyObjectProperty<DiagnosisRun> lastRunProperty() {
        return lastRun.getReadOnlyProperty();
    }

    void setInputMessage(String text) {
        inputMessage.set(text);
    }

    public ReadOnlyStringProperty inputMessageProperty() {
        return inputMessage.getReadOnlyProperty();
    }

    void setNotice(String text) {
        notice.set(text);
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    // ---- inputs (the user edits them) ------------------------------------------------------

    public StringProperty tokenProperty() {
        return token;
    }

    public StringProperty errorTextProperty() {
        return errorText;
    }

    public StringProperty providerJsonProperty() {
        return providerJson;
    }

    public ObjectProperty<ProviderSource> providerSourceProperty() {
        return providerSource;
    }

    public ObjectProperty<ProviderChoice> selectedProviderProperty() {
        return selectedProvider;
    }

    public StringProperty serviceAccountProperty() {
        return serviceAccount;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
