package dev.wifdesk.ui.diagnostics;

import com.google.api.services.iam.v1.model.WorkloadIdentityPoolProvider;
import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.cloud.ProviderChoice;
import dev.wifdesk.cloud.ProviderJson;
import dev.wifdesk.diagnose.ProviderInfo;
import dev.wifdesk.diagnose.fix.ClaimRow;
import dev.wifdesk.diagnose.fix.ClaimsTable;
import dev.wifdesk.diagnose.fix.TokenClaims;
import dev.wifdesk.diagnose.live.JobDiagnosis;
import dev.wifdesk.diagnose.live.LiveFederationReader;
import dev.wifdesk.diagnose.live.LiveFederationState;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.ResourceNames;
import dev.wifdesk.ui.connection.Connection;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Work;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the diagnosis and shows its result: validates the inputs, reads the chosen provider and the
 * live policy, pool and issuer keys (the reader the command line uses), runs the engine off the
 * FX thread and puts the run in the session; the ladder, findings, claims, verdict and notes it
 * shows follow the session's last run.
 */
public final class RunViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(RunViewModel.class);

    private final DiagnosticsSession session;
    private final DiagnosisService engine;
    private final ProviderDirectories directories;
    private final LiveServices live;
    private final ClaimsTable claimsTable;
    private final Clock clock;
    private final Messages messages;

    private final ObservableList<DiagnosisReport.Stage> stages = FXCollections.observableArrayList();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<ClaimRow> claims = FXCollections.observableArrayList();
    // read-only views kept as fields: a view nobody holds would be collected with its listeners
    private final ObservableList<DiagnosisReport.Stage> stagesView = FXCollections.unmodifiableObservableList(stages);
    private final ObservableList<Finding> findingsView = FXCollections.unmodifiableObservableList(findings);
    private final ObservableList<ClaimRow> claimsView = FXCollections.unmodifiableObservableList(claims);
    private final ReadOnlyObjectWrapper<DiagnosisReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper liveNote = new ReadOnlyStringWrapper("");

    RunViewModel(DiagnosticsSession session, DiagnosisService engine, ProviderDirectories directories, LiveServices live,
                 ClaimsTable claimsTable, Clock clock) {
        this.session = session;
        this.engine = engine;
        this.directories = directories;
        this.live = live;
        this.claimsTable = claimsTable;
        this.clock = clock;
        this.messages = session.messages();
        // the session (and so this listener) lives exactly as long as this view model
        session.lastRunProperty().addListener((obs, old, run) -> show(run));
    }

    private void show(DiagnosisRun run) {
        liveNote.set(run == null ? "" : String.join("\n", run.notes()));
        stages.setAll(run == null || run.report() == null ? List.of() : run.report().stages());
        findings.setAll(run == null || run.report() == null ? List.of() : run.report().findings());
        claims.setAll(run == null ? List.of() : run.claims());
        verdict.set(run == null ? "" : run.verdict());
        // last: the findings cards are drawn once per run, from the report, with everything above in place
        report.set(run == null ? null : run.report());
    }

    /** Validates the inputs, then runs the engine in the background; the run lands in the session. */
    public void diagnose() {
        if (session.busyProperty().get()) {
            return; // a second click while a run, a fix or an exchange is in flight
        }
        session.setInputMessage("");
        session.setNotice("");
        String tokenText = session.tokenProperty().get() == null ? "" : session.tokenProperty().get().trim();
        String error = session.errorTextProperty().get() == null ? "" : session.errorTextProperty().get();
        if (tokenText.isEmpty() && error.isBlank()) {
            session.setInputMessage(messages.get("diag.input.empty"));
            return;
        }
        InputsViewModel inputs = new InputsViewModel(session);
        if (!inputs.acceptInput("diag.token", InputLimits.TOKEN_MAX_CHARS, tokenText.length())
                || !inputs.acceptInput("diag.errorText", InputLimits.ERROR_TEXT_MAX_CHARS, error.length())) {
            return;
        }
        WorkloadIdentityPoolProvider pasted = null;
        boolean fromJson = session.providerSourceProperty().get() == DiagnosticsSession.ProviderSource.JSON;
        if (fromJson && !session.providerJsonProperty().get().isBlank()) {
            try {
                pasted = ProviderJson.parse(session.providerJsonProperty().get());
            } catch (ProviderJson.InvalidProviderJson bad) {
                session.setInputMessage(messages.get("diag.input.badProvider", messages.get(bad.key(), bad.args())));
                return;
            }
        }
        WorkloadIdentityPoolProvider pastedProvider = pasted;
        ProviderChoice chosen = fromJson ? null : session.selectedProviderProperty().get();
        Optional<Connection> conn = session.connection();
        String sa = DiagnosticsSession.blank(session.serviceAccountProperty().get()) ? ""
                : session.serviceAccountProperty().get().trim();
        session.begin();
        session.executor().run(Work.of(() -> run(tokenText, error, pastedProvider, chosen, conn, sa))
                // the old target's report: nothing of it may show on the new one
                .boundTo(session::currentTarget)
                .onSuccess(run -> {
                    session.setLastRun(run);
                    LOG.info("Diagnosis ran: verdict {}, {} findings", run.report().passed() ? "pass" : "fail",
                            run.report().findings().size());
                })
                .onFailure(t -> {
                    LOG.warn("Diagnosis failed: {}", ClientErrors.oneLine(t));
                    session.setInputMessage(messages.get("diag.run.failed", ClientErrors.oneLine(t)));
                })
                .onFinally(session::end));
    }

    /** Background: the provider, the live reads, the engine, the claims table. */
    private DiagnosisRun run(String tokenText, String error, WorkloadIdentityPoolProvider pasted, ProviderChoice chosen,
                             Optional<Connection> conn, String sa) throws Exception {
        WorkloadIdentityPoolProvider provider = pasted;
        if (provider == null && chosen != null && conn.isPresent()) {
            provider = directories.forConnection(conn.get()).get(chosen.name());
        }
        Map<String, Object> claimMap = TokenClaims.decode(tokenText).orElse(Map.of());
        List<String> notes = new ArrayList<>();
        String number = projectNumber(provider, conn);
        LiveRead read = readLive(conn, provider, sa, notes);
        DiagnosisRequest request = new DiagnosisRequest(tokenText, error, Optional.ofNullable(provider), number,
                clock.instant(), read.inputs());
        DiagnosisReport result = engine.diagnose(request);
        Map<String, String> mapping = provider == null ? Map.of() : provider.getAttributeMapping();
        String verdictText = messages.get(result.passed() ? "diag.verdict.pass" : "diag.verdict.fail", result.findings().size());
        return new DiagnosisRun(result, verdictText, notes, claimsTable.rows(claimMap, mapping), Optional.ofNullable(provider),
                claimMap, read.policyResource(), number);
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
                conn.get().project().map(Connection.ProjectInfo::projectId).orElse(null));
        for (LiveFederationState.Problem p : state.problems()) {
            String key = switch (p.part()) {
                case POLICY -> "diag.live.policyFailed";
                case POOL -> "diag.live.poolFailed";
                case JWKS -> "diag.live.jwksFailed";
                default -> null; // the GUI reads neither a project nor a provider through the reader
            };
            if (key != null) {
                notes.add(messages.get(key, p.subject(), ClientErrors.oneLine(p.cause())));
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
        return conn.flatMap(Connection::project).map(Connection.ProjectInfo::projectNumber).orElse("");
    }

    /** Shows one failed job's diagnosis in the same ladder and findings (no Apply fix: no token, no chosen SA). */
    void showJob(JobDiagnosis job) {
        if (job.diagnosis() == null) {
            session.setLastRun(DiagnosisRun.ofJob(null, messages.get("diag.failures.noError", job.id()), job.notes()));
            return;
        }
        DiagnosisReport r = EngineDiagnosisService.report(job.diagnosis());
        session.setLastRun(DiagnosisRun.ofJob(r, messages.get(r.passed() ? "diag.failures.verdict.pass"
                : "diag.failures.verdict.fail", job.id(), r.findings().size()), job.notes()));
    }

    public ObservableList<DiagnosisReport.Stage> stages() {
        return stagesView;
    }

    public ObservableList<Finding> findings() {
        return findingsView;
    }

    public ObservableList<ClaimRow> claims() {
        return claimsView;
    }

    public ReadOnlyObjectProperty<DiagnosisReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty liveNoteProperty() {
        return liveNote.getReadOnlyProperty();
    }
}
