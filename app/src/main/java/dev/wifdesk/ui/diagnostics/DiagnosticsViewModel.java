package dev.wifdesk.ui.diagnostics;

import dev.wifdesk.cloud.ServiceAccountNames;

import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.cloud.ProviderDirectory;
import dev.wifdesk.cloud.ProviderJson;
import dev.wifdesk.cloud.ServiceAccountDirectory;
import dev.wifdesk.diagnose.fix.BindingFixPlanner;
import dev.wifdesk.diagnose.fix.ClaimRow;
import dev.wifdesk.diagnose.fix.ClaimsTable;
import dev.wifdesk.diagnose.fix.FixPlanner;
import dev.wifdesk.diagnose.fix.ProviderChange;
import dev.wifdesk.diagnose.fix.TokenClaims;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.audit.AuditEntry;
import dev.wifdesk.cloud.LiveExchange;
import dev.wifdesk.diagnose.ProviderInfo;
import dev.wifdesk.diagnose.live.LiveFederationReader;
import dev.wifdesk.diagnose.live.LiveFederationState;
import dev.wifdesk.cloud.PolicyChange;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.connection.ConnectionState;
import dev.wifdesk.ui.connection.SandboxGitLab;
import dev.wifdesk.ui.core.ClipboardWriter;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.UiExecutor;
import dev.wifdesk.audit.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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
                             Map<String, Object> claimMap, String policyResource, String projectNumber, List<String> notes) {
    }

    private final DiagnosisService engine;
    private final ProviderDirectories directories;
    private final ConnectionState connection;
    private final UiExecutor executor;
    private final Messages messages;
    private final ClipboardWriter clipboard;
    private final ClaimsTable claimsTable;
    private final Clock clock;
    private final LiveServices live;
    private final BindingFixPlanner bindingPlanner;

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
    private final ObservableList<String> serviceAccounts = FXCollections.observableArrayList();
    private final StringProperty serviceAccount = new SimpleStringProperty("");
    private final StringProperty serviceAccountStatus = new SimpleStringProperty("");
    private final StringProperty liveNote = new SimpleStringProperty("");
    private final StringProperty exchangeResult = new SimpleStringProperty("");
    private final BooleanProperty exchangeFailed = new SimpleBooleanProperty(false);
    private final BooleanBinding exchangeAvailable;
    private final BooleanBinding sampleTokensAvailable;
    private final BooleanProperty providersLoaded = new SimpleBooleanProperty(false);
    private final StringProperty sampleRef = new SimpleStringProperty("main");
    /** The token field holds a sandbox-minted sample (cleared when the target changes). */
    private String mintedToken;
    private final LatestFailuresViewModel latestFailures;

    private WorkloadIdentityPoolProvider lastProvider;
    private Map<String, Object> lastClaims = Map.of();
    private String lastPolicyResource;
    private String lastProjectNumber = "";
    private String lastExchangeText;

    public DiagnosticsViewModel(DiagnosisService engine, ProviderDirectories directories, ConnectionState connection,
                                UiExecutor executor, Messages messages, ClipboardWriter clipboard, ClaimsTable claimsTable,
                                Clock clock, LiveServices live, BindingFixPlanner bindingPlanner) {
        this.engine = engine;
        this.directories = directories;
        this.connection = connection;
        this.executor = executor;
        this.messages = messages;
        this.clipboard = clipboard;
        this.claimsTable = claimsTable;
        this.clock = clock;
        this.live = live;
        this.bindingPlanner = bindingPlanner;
        providerStatus.set(messages.get("diag.provider.waiting"));
        serviceAccountStatus.set(messages.get("diag.sa.waiting"));
        connection.connectionProperty().addListener((obs, old, c) -> {
            forgetTarget();
            loadProviders();
            loadServiceAccounts();
        });
        sampleTokensAvailable = Bindings.createBooleanBinding(
                () -> connection.current().flatMap(Connection::sandboxGitLab).flatMap(SandboxGitLab::minter).isPresent(),
                connection.connectionProperty());
        exchangeAvailable = Bindings.createBooleanBinding(() -> !busy.get()
                        && connection.current().flatMap(Connection::clients).isPresent()
                        && providerSource.get() == ProviderSource.LIVE && selectedProvider.get() != null
                        && !blank(serviceAccount.get()) && !blank(token.get()),
                busy, connection.connectionProperty(), providerSource, selectedProvider, serviceAccount, token);
        latestFailures = new LatestFailuresViewModel(live.failures(), connection, executor, messages, this::showJob);
    }

    /** A new target: nothing listed, chosen or shown for the old one may stay. */
    private void forgetTarget() {
        providers.clear();
        selectedProvider.set(null);
        providersLoaded.set(false);
        serviceAccounts.clear();
        serviceAccount.set("");
        report.set(null);
        stages.clear();
        findings.clear();
        claims.clear();
        verdict.set("");
        notice.set("");
        liveNote.set("");
        exchangeResult.set("");
        inputMessage.set("");
        lastProvider = null;
        lastClaims = Map.of();
        lastPolicyResource = null;
        if (mintedToken != null && mintedToken.equals(token.get())) {
            token.set("");
        }
        mintedToken = null;
        // the old target's STS answer, put in the error field by the exchange, is no input for the new one
        if (lastExchangeText != null && lastExchangeText.equals(errorText.get())) {
            errorText.set("");
        }
        lastExchangeText = null;
        exchangeFailed.set(false);
    }

    /** Lists providers and service accounts again (after the demo setup made some). */
    public void reloadLive() {
        loadProviders();
        loadServiceAccounts();
    }

    // ---- sample tokens (sandbox) -------------------------------------------------------------

    /**
     * Mints an ID token with the sandbox's own GitLab, as a job on {@link #sampleRefProperty()}
     * would get it, for the chosen provider's first allowed audience (its default audience when
     * it lists none), and puts it in the token field. The token is never logged.
     */
    public void mintSampleToken() {
        if (busy.get()) {
            return;
        }
        Optional<Connection> c = connection.current();
        Optional<SandboxGitLab.TokenMinter> minter = c.flatMap(Connection::sandboxGitLab).flatMap(SandboxGitLab::minter);
        if (minter.isEmpty()) {
            inputMessage.set(messages.get("diag.sample.unavailable"));
            return;
        }
        String ref = blank(sampleRef.get()) ? "main" : sampleRef.get().trim();
        ProviderChoice chosen = selectedProvider.get();
        inputMessage.set("");
        busy.set(true);
        Task<String[]> task = new Task<>() {
            @Override
            protected String[] call() throws Exception {
                String audience = audienceFor(c.get(), chosen);
                return new String[] {audience, minter.get().mint(audience, ref)};
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            String[] r = task.getValue();
            mintedToken = r[1];
            token.set(r[1]);
            notice.set(messages.get("diag.sample.minted", ref));
            LOG.info("Minted a sample ID token with the sandbox GitLab for ref {} (audience {})", ref, r[0]);
        });
        task.setOnFailed(e -> {
            busy.set(false);
            inputMessage.set(messages.get("diag.sample.failed", oneLine(task.getException())));
        });
        task.setOnCancelled(e -> busy.set(false));
        executor.execute(task);
    }

    /** The provider's first allowed audience, else its default audience; the issuer when no provider is chosen. */
    private String audienceFor(Connection c, ProviderChoice chosen) throws java.io.IOException {
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
    public BooleanBinding sampleTokensAvailableProperty() {
        return sampleTokensAvailable;
    }

    /** True once the provider list of the current connection has been read (empty or not). */
    public BooleanProperty providersLoadedProperty() {
        return providersLoaded;
    }

    /**
     * True while {@code startedFor} is still the connection: a task of the old target that ended
     * just as the user switched (too late to be cancelled) must not fill the new target's screen.
     */
    private boolean stillCurrent(Optional<Connection> startedFor) {
        return connection.connectionProperty().get() == startedFor.orElse(null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    // ---- service accounts --------------------------------------------------------------------

    /** Lists the connected project's service accounts with the real IAM client, off the FX thread. */
    public void loadServiceAccounts() {
        Optional<Connection> c = connection.current();
        Optional<Connection.ProjectInfo> project = c.flatMap(Connection::firstProject);
        if (project.isEmpty()) {
            serviceAccountStatus.set(messages.get("diag.sa.waiting"));
            return;
        }
        serviceAccountStatus.set(messages.get("diag.sa.loading", project.get().projectId()));
        Task<List<String>> task = new Task<>() {
            @Override
            protected List<String> call() throws Exception {
                return live.serviceAccounts().forConnection(c.get()).list(project.get().projectId());
            }
        };
        task.setOnSucceeded(e -> {
            if (!stillCurrent(c)) {
                return; // listed for the target the user just switched away from
            }
            serviceAccounts.setAll(task.getValue());
            // preselect only an unambiguous choice: a Google-managed default account would show a
            // misleading BINDING_MISSING for every token
            List<String> ours = serviceAccounts.stream().filter(sa -> !isGoogleManagedDefault(sa)).toList();
            if (blank(serviceAccount.get()) && ours.size() == 1) {
                serviceAccount.set(ours.get(0));
            }
            serviceAccountStatus.set(serviceAccounts.isEmpty()
                    ? messages.get("diag.sa.none", project.get().projectId())
                    : messages.get("diag.sa.count", serviceAccounts.size(), project.get().projectId()));
        });
        task.setOnFailed(e -> {
            if (stillCurrent(c)) {
                serviceAccountStatus.set(messages.get("diag.sa.failed", oneLine(task.getException())));
            }
        });
        executor.execute(task);
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
        providersLoaded.set(false);
        ProviderDirectory directory = directories.forConnection(c.get());
        Task<List<ProviderChoice>> task = new Task<>() {
            @Override
            protected List<ProviderChoice> call() throws Exception {
                return directory.list(project.get().projectId());
            }
        };
        task.setOnSucceeded(e -> {
            if (!stillCurrent(c)) {
                return;
            }
            providers.setAll(task.getValue());
            if (!providers.isEmpty() && (selectedProvider.get() == null || !providers.contains(selectedProvider.get()))) {
                selectedProvider.set(providers.get(0));
            }
            providersLoaded.set(true);
            providerStatus.set(providers.isEmpty()
                    ? messages.get("diag.provider.none", project.get().projectId())
                    : messages.get("diag.provider.count", providers.size(), project.get().projectId()));
        });
        task.setOnFailed(e -> {
            if (stillCurrent(c)) {
                providerStatus.set(messages.get("diag.provider.failed", oneLine(task.getException())));
            }
        });
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
        if (busy.get()) {
            return; // a second click while a run, a fix or an exchange is in flight
        }
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
                inputMessage.set(messages.get("diag.input.badProvider", messages.get(bad.key(), bad.args())));
                return;
            }
        }
        final WorkloadIdentityPoolProvider pastedProvider = pasted;
        final ProviderChoice chosen = providerSource.get() == ProviderSource.LIVE ? selectedProvider.get() : null;
        final Optional<Connection> conn = connection.current();
        final String sa = blank(serviceAccount.get()) ? "" : serviceAccount.get().trim();
        busy.set(true);
        Task<RunResult> task = new Task<>() {
            @Override
            protected RunResult call() throws Exception {
                WorkloadIdentityPoolProvider provider = pastedProvider;
                if (provider == null && chosen != null && conn.isPresent()) {
                    provider = directories.forConnection(conn.get()).get(chosen.name());
                }
                Map<String, Object> claimMap = TokenClaims.decode(tokenText).orElse(Map.of());
                List<String> notes = new java.util.ArrayList<>();
                String number = projectNumber(provider, conn);
                LiveRead read = readLive(conn, provider, sa, notes);
                DiagnosisRequest request = new DiagnosisRequest(tokenText, error, Optional.ofNullable(provider),
                        number, clock.instant(), read.inputs());
                DiagnosisReport result = engine.diagnose(request);
                Map<String, String> mapping = provider == null ? Map.of() : provider.getAttributeMapping();
                return new RunResult(result, claimsTable.rows(claimMap, mapping), Optional.ofNullable(provider), claimMap,
                        read.policyResource(), number, notes);
            }
        };
        task.setOnSucceeded(e -> {
            if (stillCurrent(conn)) {
                show(task.getValue());
            } else {
                busy.set(false); // the old target's report: nothing of it may show on the new one
            }
        });
        task.setOnFailed(e -> {
            busy.set(false);
            LOG.warn("Diagnosis failed: {}", oneLine(task.getException()));
            if (stillCurrent(conn)) {
                inputMessage.set(messages.get("diag.run.failed", oneLine(task.getException())));
            }
        });
        task.setOnCancelled(e -> busy.set(false));
        executor.execute(task);
    }

    private record LiveRead(DiagnosisRequest.LiveInputs inputs, String policyResource) {
    }

    /**
     * Background: the service account's policy, the provider's pool and, when the provider has no
     * inline keys, the issuer's JWKS, through the reader the command line uses too. A read that
     * fails becomes a note; the stage it feeds is skipped.
     */
    private LiveRead readLive(Optional<Connection> conn, WorkloadIdentityPoolProvider provider, String sa, List<String> notes) {
        if (conn.isEmpty() || conn.get().clients().isEmpty()) {
            return new LiveRead(DiagnosisRequest.LiveInputs.NONE, null);
        }
        LiveFederationReader reader = new LiveFederationReader(conn.get().clients().get(), live.jwks().apply(conn.get()));
        ProviderInfo info = provider == null ? null : ProviderInfo.fromJson(ProviderJson.toJson(provider));
        LiveFederationState state = reader.around(info, sa,
                conn.get().firstProject().map(Connection.ProjectInfo::projectId).orElse(null));
        for (LiveFederationState.Problem p : state.problems()) {
            String key = switch (p.part()) {
                case POLICY -> "diag.live.policyFailed";
                case POOL -> "diag.live.poolFailed";
                case JWKS -> "diag.live.jwksFailed";
                default -> null; // the GUI reads neither a project nor a provider through the reader
            };
            if (key != null) {
                notes.add(messages.get(key, p.subject(), oneLine(p.cause())));
            }
        }
        return new LiveRead(new DiagnosisRequest.LiveInputs(sa, state.policy(), state.pool(), state.jwksJson()),
                state.policyResource());
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
        lastPolicyResource = r.policyResource();
        lastProjectNumber = r.projectNumber();
        liveNote.set(String.join("\n", r.notes()));
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
        if (busy.get()) {
            return; // never the same patch twice: the first one is still running
        }
        Optional<Connection> conn = connection.current();
        if (conn.isEmpty()) {
            inputMessage.set(messages.get("diag.fix.noConnection"));
            return;
        }
        ProviderDirectory directory = directories.forConnection(conn.get());
        String actor = conn.get().identity();
        String detail = change.updateMask() + ": [" + change.before().replace('\n', ',') + "] -> ["
                + change.after().replace('\n', ',') + "]";
        busy.set(true);
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws Exception {
                audited(actor, "patch provider (" + change.cause() + ")", change.providerName(), detail,
                        () -> directory.apply(change.patch()));
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
        task.setOnCancelled(e -> busy.set(false));
        executor.execute(task);
    }

    /** The "add the binding" change for a binding finding, when this token's member is known. */
    public Optional<PolicyChange> proposeBindingFix(Finding finding) {
        if (!BindingFixPlanner.canFix(finding.code()) || lastPolicyResource == null || lastProvider == null) {
            return Optional.empty();
        }
        return bindingPlanner.plan(finding, lastProvider, lastClaims, lastProjectNumber, lastPolicyResource);
    }

    /** Applies a confirmed binding (read-modify-write with the etag), audits it, then re-runs the diagnosis. */
    public void applyBindingFix(PolicyChange change) {
        if (busy.get()) {
            return;
        }
        Optional<Connection> conn = connection.current();
        if (conn.isEmpty() || conn.get().clients().isEmpty()) {
            inputMessage.set(messages.get("diag.fix.noConnection"));
            return;
        }
        ServiceAccountDirectory directory = live.serviceAccounts().forConnection(conn.get());
        String actor = conn.get().identity();
        busy.set(true);
        Task<Void> task = new Task<>() {
            @Override
            protected Void call() throws Exception {
                audited(actor, "add IAM binding", change.resource(), change.describe(), () -> directory.apply(change));
                return null;
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            LOG.info("Applied: {}", change.describe());
            diagnose();
            notice.set(messages.get("diag.fix.bindingApplied", change.role()));
        });
        task.setOnFailed(e -> {
            busy.set(false);
            LOG.warn("Changing the policy failed: {}", oneLine(task.getException()));
            inputMessage.set(messages.get("diag.fix.bindingFailed", oneLine(task.getException())));
        });
        task.setOnCancelled(e -> busy.set(false));
        executor.execute(task);
    }

    private interface Change {
        void run() throws Exception;
    }

    /** Runs a mutating call and appends who / what / result to the audit log, whatever the outcome. */
    private void audited(String actor, String action, String resource, String detail, Change change) throws Exception {
        try {
            change.run();
        } catch (Exception e) {
            live.audit().append(new AuditEntry(clock.instant(), actor, action, resource, "failed: " + oneLine(e), detail));
            throw e;
        }
        live.audit().append(new AuditEntry(clock.instant(), actor, action, resource, "applied", detail));
    }

    // ---- live exchange -----------------------------------------------------------------------

    /** The STS audience the live exchange sends the token to: {@code //iam.googleapis.com/PROVIDER}. */
    public String exchangeAudience() {
        ProviderChoice p = selectedProvider.get();
        return p == null ? "" : "//iam.googleapis.com/" + ResourceNames.stripPrefix(p.name());
    }

    /** Where the token goes: Google's STS, or the sandbox's. */
    public String exchangeTarget() {
        boolean sandbox = connection.current().map(c -> c.target() == Connection.TargetKind.SANDBOX).orElse(false);
        return messages.get(sandbox ? "diag.exchange.target.sandbox" : "diag.exchange.target.google");
    }

    /**
     * The real exchange (STS, then IAM Credentials as the service account) in a task; on failure
     * the server's exact text becomes the error text and the diagnosis runs again. The access token
     * is never kept: only its expiry is shown.
     */
    public void liveExchange() {
        if (!exchangeAvailable.get()) {
            inputMessage.set(messages.get("diag.exchange.unavailable"));
            return;
        }
        Connection conn = connection.current().orElseThrow();
        String idToken = token.get().trim();
        String audience = exchangeAudience();
        String sa = serviceAccount.get().trim();
        busy.set(true);
        exchangeResult.set(messages.get("diag.exchange.running", sa));
        Task<LiveExchange.Result> task = new Task<>() {
            @Override
            protected LiveExchange.Result call() {
                return live.exchange().run(conn, idToken, audience, sa);
            }
        };
        task.setOnSucceeded(e -> {
            busy.set(false);
            LiveExchange.Result r = task.getValue();
            if (r.succeeded()) {
                exchangeFailed.set(false);
                exchangeResult.set(messages.get("diag.exchange.ok", sa, r.accessTokenExpireTime()));
                LOG.info("Live exchange succeeded: STS and IAM Credentials accepted, as {}", sa);
                if (lastExchangeText != null && lastExchangeText.equals(errorText.get())) {
                    errorText.set("");
                }
                lastExchangeText = null;
            } else {
                String step = messages.get(r.failedStep() == LiveExchange.Step.STS ? "diag.exchange.step.sts"
                        : "diag.exchange.step.iam");
                exchangeFailed.set(true);
                exchangeResult.set(messages.get("diag.exchange.failed", step, r.httpStatus(), r.serverText()));
                LOG.info("Live exchange failed at {} (HTTP {}): {}", r.failedStep(), r.httpStatus(), Redactor.redact(r.serverText()));
                lastExchangeText = r.serverText();
                errorText.set(r.serverText());
            }
            diagnose();
        });
        task.setOnFailed(e -> {
            busy.set(false);
            exchangeFailed.set(true);
            exchangeResult.set(messages.get("diag.exchange.error", oneLine(task.getException())));
        });
        // a target switch cancels the old target's work: the screen must not stay busy
        task.setOnCancelled(e -> {
            busy.set(false);
            exchangeResult.set("");
        });
        executor.execute(task);
    }

    // ---- latest failures ---------------------------------------------------------------------

    /** Shows one failed job's diagnosis in the same ladder and findings (no Apply fix: no token, no chosen SA). */
    void showJob(dev.wifdesk.diagnose.live.JobDiagnosis job) {
        lastProvider = null;
        lastClaims = Map.of();
        lastPolicyResource = null;
        claims.clear();
        liveNote.set(String.join("\n", job.notes()));
        if (job.diagnosis() == null) {
            report.set(null);
            stages.clear();
            findings.clear();
            verdict.set(messages.get("diag.failures.noError", job.id()));
            return;
        }
        DiagnosisReport r = EngineDiagnosisService.report(job.diagnosis());
        report.set(r);
        stages.setAll(r.stages());
        findings.setAll(r.findings());
        verdict.set(messages.get(r.passed() ? "diag.failures.verdict.pass" : "diag.failures.verdict.fail", job.id(),
                r.findings().size()));
    }

    /** An exception as one redacted line for the inline message (never a stack trace). */
    static String oneLine(Throwable t) {
        return ClientErrors.oneLine(t);
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

    public ObservableList<String> serviceAccounts() {
        return serviceAccounts;
    }

    public StringProperty serviceAccountProperty() {
        return serviceAccount;
    }

    public StringProperty serviceAccountStatusProperty() {
        return serviceAccountStatus;
    }

    public StringProperty liveNoteProperty() {
        return liveNote;
    }

    public StringProperty exchangeResultProperty() {
        return exchangeResult;
    }

    public BooleanProperty exchangeFailedProperty() {
        return exchangeFailed;
    }

    public BooleanBinding exchangeAvailableProperty() {
        return exchangeAvailable;
    }

    public LatestFailuresViewModel latestFailures() {
        return latestFailures;
    }

    static boolean isGoogleManagedDefault(String email) {
        return email.endsWith("-compute@developer.gserviceaccount.com") || email.endsWith("@appspot.gserviceaccount.com");
    }
}
