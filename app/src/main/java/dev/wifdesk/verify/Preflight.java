package dev.wifdesk.verify;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.JwksSource;
import dev.wifdesk.diagnose.DiagnosisEngine;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.setup.ObservedState;
import dev.wifdesk.plan.setup.ProjectFacts;
import dev.wifdesk.plan.setup.StateObserver;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.gitlab4j.api.GitLabApi;

/**
 * The read-only layer: reads the project, the setup's Google state (in parallel, through the
 * setup planner's observer) and GitLab's side at the same time, then judges them check by check,
 * the permissions first among the permission checks.
 */
final class Preflight {
    private final GoogleClients google;
    private final Optional<GitLabApi> gitlab;
    private final JwksSource jwks;
    private final DiagnosisEngine engine;
    private final Clock clock;

    Preflight(GoogleClients google, Optional<GitLabApi> gitlab, JwksSource jwks, DiagnosisEngine engine, Clock clock) {
        this.google = google;
        this.gitlab = gitlab;
        this.jwks = jwks;
        this.engine = engine;
        this.clock = clock;
    }

    /** What preflight found, and the state it read (empty when the project itself could not be read). */
    record Outcome(List<CheckResult> checks, Optional<PreflightState> state) {
    }

    Outcome run(FederationSpec spec, VerifyListener listener, BooleanSupplier cancelled) {
        List<CheckResult> out = new ArrayList<>();
        ProjectFacts project;
        try {
            project = ProjectFacts.read(google, spec.gcp().project());
        } catch (IOException | RuntimeException e) {
            out.add(CheckResult.fail(Layer.PREFLIGHT, CheckNames.APIS, "cannot read project " + spec.gcp().project() + ": "
                    + ClientErrors.oneLine(e) + " (check gcp.project and that the operator may read it)", List.of(), "",
                    List.of()));
            listener.finished(out.get(0));
            return new Outcome(out, Optional.empty());
        }
        PreflightState state = read(new SetupValues(spec, project.projectNumber()), project);
        ProjectChecks projectChecks = new ProjectChecks(state);
        List<Check> checks = new ArrayList<>(List.of(
                new Check(CheckNames.APIS, projectChecks::apis),
                new Check(CheckNames.SERVICE_ACCOUNTS, projectChecks::serviceAccounts)));
        if (state.seen().isPresent()) {
            PermissionChecks permissions = new PermissionChecks(state);
            FederationChecks federation = new FederationChecks(state, engine, clock.instant());
            GitLabChecks gitlabChecks = new GitLabChecks(state, engine);
            checks.addAll(List.of(
                    new Check(CheckNames.WORKER_ROLE, permissions::workerRole),
                    new Check(CheckNames.LAUNCH_PERMISSION, permissions::launchPermission),
                    new Check(CheckNames.ACT_AS, permissions::actAs),
                    new Check(CheckNames.IMPERSONATION, federation::impersonation),
                    new Check(CheckNames.POOL, federation::pool),
                    new Check(CheckNames.PROVIDER, federation::provider),
                    new Check(CheckNames.ISSUER_KEYS, () -> IssuerCheck.run(state, jwks)),
                    new Check(CheckNames.TOKEN_ADMITTED, federation::tokenAdmitted),
                    new Check(CheckNames.OTHER_NAMESPACE_REJECTED, federation::otherNamespaceRejected),
                    new Check(CheckNames.UNPROTECTED_REF_REJECTED, federation::unprotectedRefRejected),
                    new Check(CheckNames.GITLAB_VARIABLES, gitlabChecks::variables),
                    new Check(CheckNames.CI_CONFIG, gitlabChecks::ciConfig)));
        }
        for (Check c : checks) {
            if (cancelled.getAsBoolean()) {
                break;
            }
            listener.started(Layer.PREFLIGHT, c.name());
            CheckResult r = Checks.safely(Layer.PREFLIGHT, c.name(), c.body());
            out.add(r);
            listener.finished(r);
        }
        return new Outcome(out, Optional.of(state));
    }

    private record Check(String name, Supplier<CheckResult> body) {
    }

    /** Google's state (the observer's parallel reads) and GitLab's, at the same time. */
    private PreflightState read(SetupValues values, ProjectFacts project) {
        FederationSpec spec = values.spec();
        CompletableFuture<GitLabFacts> gitlabSide = CompletableFuture.supplyAsync(() -> readGitLab(spec));
        Optional<ObservedState> seen = Optional.empty();
        String unreadable = "";
        try {
            // GitLab's variables are read on the other side (GitLabFacts), where a GitLab failure stays a GitLab finding
            seen = Optional.of(new StateObserver(google, Optional.empty()).observe(values, project));
        } catch (IOException | RuntimeException e) {
            unreadable = ClientErrors.oneLine(e);
        }
        return new PreflightState(values, project, seen, unreadable, gitlabSide.join());
    }

    private GitLabFacts readGitLab(FederationSpec spec) {
        if (spec.gitlab().isEmpty()) {
            return GitLabFacts.none("the spec has no gitlab: section");
        }
        if (gitlab.isEmpty()) {
            return GitLabFacts.none("no GitLab connection");
        }
        return GitLabFacts.read(gitlab.get(), spec.gitlab().get().project(), spec.gitlab().get().ref());
    }
}
