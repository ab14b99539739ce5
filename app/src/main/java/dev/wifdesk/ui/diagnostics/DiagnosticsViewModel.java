package dev.wifdesk.ui.diagnostics;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.core.ClipboardWriter;
import dev.wifdesk.ui.core.ErrorMessages;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.ui.log.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Diagnostics screen's state and logic: inputs (token, error text, provider picked live or
 * pasted as JSON), the run in a background task, the ladder / findings / claims it shows, and
 * the "Copy fix" / "Apply fix" actions. The token is never logged and never leaves the process.
 */
public final class DiagnosticsViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsViewModel.class);

    public enum ProviderSource { LIVE, JSON }

    /** Everything one run produced, handed back to the FX thread in one piece. */
    private record RunResult(DiagnosisReport report, List<ClaimRow> claims, Optional<WorkloadIdentityPoolProvider> provider,
                             Map<String, Object> claimMap) {
    }

    private final DiagnosisService engine;
    private final ProviderDirectory.Factory directories;
    private final ConnectionState connection;
    private final UiExecutor executor;
    private final Messages messages;
    private final ClipboardWriter clipboard;
    private final ClaimsTable claimsTable;
    private final Clock clock;

    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty errorText = new SimpleStringProperty("");
    private final StringProperty providerJson = new SimpleStringProperty("");
    private final ObjectProperty<ProviderSource> providerSource = new SimpleObjectProperty<>(ProviderSource.LIVE);
    private final ObservableList<ProviderChoice> providers = FXCollections.observableArrayList();
    private final ObjectProperty<ProviderChoice> selectedProvider = new SimpleObjectProperty<>();
    private final StringProperty providerStatus = new SimpleStringProperty("");
    private final StringProperty inputMessage = new SimpleStringProperty("");
    private final StringProperty verdict = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<DiagnosisReport.Stage> stages = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<ClaimRow> claims = FXCollections.observableArrayList();
    private final ObjectProperty<DiagnosisReport> report = new SimpleObjectProperty<>();

    private WorkloadIdentityPoolProvider lastProvider;
    private Map<String, Object> lastClaims = Map.of();

    public DiagnosticsViewModel(DiagnosisService engine, ProviderDirectory.Factory directories, ConnectionState connection,
                                UiExecutor executor, Messages messages, ClipboardWriter clipboard, ClaimsTable claimsTable,
                                Clock clock) {
        this.engine = engine;
        this.directories = directories;
        this.connection = connection;
        this.executor = executor;
        this.messages = messages;
        this.clipboard = clipboard;
        this.claimsTable = claimsTable;
        this.clock = clock;
        providerStatus.set(messages.get("diag.provider.waiting"));
        connection.connectionProperty().addListener((obs, old, c) -> loadProviders());
    }

    // ---- providers ---------------------------------------------------------------------------

    /** Lists the connected project's providers with the real IAM client, off the FX thread. */
    public void loadProviders() {
        Optional<Connection> c = connection.current();
        Optional<Connection.ProjectInfo> project = c.flatMap(Connection::firstProject);
        if (project.isEmpty()) {
            providerStatus.set(messages.get("diag.provider.waiting"));
            return;
        }
        providerStatus.set(messages.get("diag.provider.loading", project.get().projectId()));
        ProviderDirectory directory = directories.forConnection(c.get());
        Task<List<ProviderChoice>> task = new Task<>() {
            @Override
            protected List<ProviderChoice> call() throws Exception {
                return directory.list(project.get().projectId());
            }
        };
        task.setOnSucceeded(e -> {
            providers.setAll(task.getValue());
            if (!providers.isEmpty() && (selectedProvider.get() == null || !providers.contains(selectedProvider.get()))) {
                selectedProvider.set(providers.get(0));
            }
            providerStatus.set(providers.isEmpty()
                    ? messages.get("diag.provider.none", project.get().projectId())
                    : messages.get("diag.provider.count", providers.size(), project.get().projectId()));
        });
        task.setOnFailed(e -> providerStatus.set(messages.get("diag.provider.failed", oneLine(task.getException()))));
        executor.execute(task);
    }

    // ---- inputs ------------------------------------------------------------------------------

    /**
     * Checks a paste or drop before it reaches a text area; false (and an inline message
     * naming the field and the limit) when it is too big.
     */
    public boolean acceptInput(String fieldKey, int maxChars, long length) {
        if (InputLimits.fits(maxChars, length)) {
            return true;
        }
        inputMessage.set(messages.get("diag.input.tooLarge", messages.get(fieldKey), length, maxChars));
        return false;
    }

    /** Which input a dropped file fills. */
    public enum Field {
        TOKEN("diag.token", InputLimits.TOKEN_MAX_CHARS),
        ERROR_TEXT("diag.errorText", InputLimits.ERROR_TEXT_MAX_CHARS),
        PROVIDER_JSON("diag.providerJson", InputLimits.PROVIDER_JSON_MAX_CHARS);

        private final String key;
        private final int maxChars;

        Field(String key, int maxChars) {
            this.key = key;
            this.maxChars = maxChars;
        }

        public String key() {
            return key;
        }

        public int maxChars() {
            return maxChars;
        }
    }

    /**
     * A file dropped on an input: its size is checked first (a huge file is never read), then it
     * is read in a background task and put into the field.
     */
    public void loadDroppedFile(Field field, Path file) {
        Task<String> read = new Task<>() {
            @Override
            protected String call() throws Exception {
                long size = Files.size(file);
                if (!InputLimits.fits(field.maxChars(), size)) {
                    throw new TooLarge(size);
                }
                return Files.readString(file);
            }
        };
        read.setOnSucceeded(e -> {
            inputMessage.set("");
            propertyOf(field).set(read.getValue());
        });
        read.setOnFailed(e -> {
            if (read.getException() instanceof TooLarge big) {
                acceptInput(field.key(), field.maxChars(), big.size);
            } else {
                inputMessage.set(messages.get("diag.input.unreadable", file.getFileName()));
            }
        });
        executor.execute(read);
    }

    /** A dropped file over its field's limit (carries the size for the message). */
    private static final class TooLarge extends Exception {
        private final long size;

        TooLarge(long size) {
            super("too large", null, false, false);
            this.size = size;
        }
    }

    private StringProperty propertyOf(Field field) {
        return switch (field) {
            case TOKEN -> token;
            case ERROR_TEXT -> errorText;
            case PROVIDER_JSON -> providerJson;
        };
    }

    /** Empties the inputs (the token leaves memory with the text area's content). */
    public void clearInputs() {
        token.set("");
        errorText.set("");
        inputMessage.set("");
    }

    // ---- run ---------------------------------------------------------------------------------

    /** Validates the inputs, then runs the engine in a task; results land in the lists. */
    public void diagnose() {
        inputMessage.set("");
        notice.set("");
        String tokenText = token.get() == null ? "" : token.get().trim();
        String error = errorText.get() == null ? "" : errorText.get();
        if (tokenText.isEmpty() && error.isBlank()) {
            inputMessage.set(messages.get("diag.input.empty"));
            return;
        }
        if (!acceptInput("diag.token", InputLimits.TOKEN_MAX_CHARS, tokenText.length())
                || !acceptInput("diag.errorText", InputLimits.ERROR_TEXT_MAX_CHARS, error.length())) {
            return;
        }
        WorkloadIdentityPoolProvider pasted = null;
        if (providerSource.get() == ProviderSource.JSON && !providerJson.get().isBlank()) {
            try {
                pasted = ProviderJson.parse(providerJson.get());
            } catch (ProviderJson.InvalidProviderJson bad) {
                inputMessage.set(messages.get("diag.input.badProvider", bad.getMessage()));
                return;
            }
        }
        final WorkloadIdentityPoolProvider pastedProvider = pasted;
        final ProviderChoice live = providerSource.get() == ProviderSource.LIVE ? selectedProvider.get() : null;
        final Optional<Connection> conn = connection.current();
        busy.set(true);
        Task<RunResult> task = new Task<>() {
            @Override
            protected RunResult call() throws Exception {
                WorkloadIdentityPoolProvider provider = pastedProvider;
                if (provider == null && live != null && conn.isPresent()) {
                    provider = directories.forConnection(conn.get()).get(live.name());
                }
                Map<String, Object> claimMap = TokenClaims.decode(tokenText).orElse(Map.of());
                DiagnosisRequest request = new DiagnosisRequest(tokenText, error, Optional.ofNullable(provider),
                        projectNumber(provider, conn), clock.instant());
                DiagnosisReport result = engine.diagnose(request);
                Map<String, String> mapping = provider == null ? Map.of() : provider.getAttributeMapping();
                return new RunResult(result, claimsTable.rows(claimMap, mapping), Optional.ofNullable(provider), claimMap);
            }
        };
        task.setOnSucceeded(e -> show(task.getValue()));
        task.setOnFailed(e -> {
            busy.set(false);
            LOG.warn("Diagnosis failed: {}", oneLine(task.getException()));
            inputMessage.set(messages.get("diag.run.failed", oneLine(task.getException())));
        });
        task.setOnCancelled(e -> busy.set(false));
        executor.execute(task);
    }

    private static String projectNumber(WorkloadIdentityPoolProvider provider, Optional<Connection> conn) {
        if (provider != null && provider.getName() != null) {
            Optional<String> fromName = ResourceNames.parseProvider(provider.getName())
                    .map(ResourceNames.ProviderRef::project).filter(ResourceNames::isProjectNumber);
            if (fromName.isPresent()) {
                return fromName.get();
            }
        }
        return conn.flatMap(Connection::firstProject).map(Connection.ProjectInfo::projectNumber).orElse("");
    }

    private void show(RunResult r) {
        busy.set(false);
        lastProvider = r.provider().orElse(null);
        lastClaims = r.claimMap();
        report.set(r.report());
        stages.setAll(r.report().stages());
        findings.setAll(r.report().findings());
        claims.setAll(r.claims());
        verdict.set(messages.get(r.report().passed() ? "diag.verdict.pass" : "diag.verdict.fail",
                r.report().findings().size()));
        LOG.info("Diagnosis ran: verdict {}, {} findings", r.report().passed() ? "pass" : "fail",
                r.report().findings().size());
    }

    // ---- fixes -------------------------------------------------------------------------------

    /** Copies the finding's fix (redacted, in case a fix quotes a credential). */
    public String copyFix(Finding finding) {
        String text = Redactor.redact(finding.fix());
        clipboard.put(text);
        notice.set(messages.get("diag.fix.copied", finding.code().name()));
        return text;
    }

    /** The exact provider patch for an audience or condition finding, if one applies. */
    public Optional<ProviderChange> proposeFix(Finding finding) {
        if (!FixPlanner.canFix(finding.code()) || lastProvider == null || providerSource.get() != ProviderSource.LIVE) {
            return Optional.empty();
        }
        return FixPlanner.plan(finding, lastProvider, lastClaims);
    }

    /** Applies a confirmed change through the IAM client, then runs the diagnosis again. */
    public void applyFix(ProviderChange change) {
        Optional<Connection> conn = connection.current();
        if (conn.isEmpty()) {
            inputMessage.set(messages.get("diag.fix.noConnection"));
            return;
        }
        ProviderDirectory directory = directories.forConnection(conn.get());
        busy.set(true);
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws Exception {
                directory.apply(change);
                return null;
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            LOG.info("Applied fix for {} to {}", change.cause(), change.providerName());
            diagnose();
            notice.set(messages.get("diag.fix.applied", change.updateMask()));
        });
        task.setOnFailed(e -> {
            busy.set(false);
            LOG.warn("Applying the fix failed: {}", oneLine(task.getException()));
            inputMessage.set(messages.get("diag.fix.failed", oneLine(task.getException())));
        });
        executor.execute(task);
    }

    /** An exception as one redacted line for the inline message (never a stack trace). */
    static String oneLine(Throwable t) {
        return ErrorMessages.oneLine(t);
    }

    // ---- properties --------------------------------------------------------------------------

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

    public ObservableList<ProviderChoice> providers() {
        return providers;
    }

    public ObjectProperty<ProviderChoice> selectedProviderProperty() {
        return selectedProvider;
    }

    public StringProperty providerStatusProperty() {
        return providerStatus;
    }

    public StringProperty inputMessageProperty() {
        return inputMessage;
    }

    public StringProperty verdictProperty() {
        return verdict;
    }

    public StringProperty noticeProperty() {
        return notice;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObservableList<DiagnosisReport.Stage> stages() {
        return stages;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    public ObservableList<ClaimRow> claims() {
        return claims;
    }

    public ObjectProperty<DiagnosisReport> reportProperty() {
        return report;
    }
}
