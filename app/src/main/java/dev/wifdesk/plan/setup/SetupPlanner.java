package dev.wifdesk.plan.setup;

import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.SpecProblem;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.lint.SetupLint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;

/**
 * Desired spec + observed state -> the steps of a setup. Planning only reads: the project (number,
 * enabled APIs), then everything else in parallel ({@link PlanReads}: the state, and beside it the
 * {@code .gitlab-ci.yml} reads; and the lint). Each step re-reads when it runs, so running a plan twice changes nothing the
 * second time, and a re-plan after an interrupted run completes it.
 */
public final class SetupPlanner {
    private final GoogleClients google;
    private final Optional<GitLabApi> gitlab;
    private final Optional<SetupLint> lint;

    /**
     * {@code gitlab} empty: the GitLab steps are left out (a spec without a {@code gitlab:} section needs
     * none). The plan's findings are {@code lint}'s (the command line's and the wizard's, sharing their
     * CEL engine).
     */
    public SetupPlanner(GoogleClients google, Optional<GitLabApi> gitlab, SetupLint lint) {
        this(google, gitlab, Optional.of(lint));
    }

    /** Without the security lint: the plan has no findings (rotation and verify's fixes only run its steps). */
    public SetupPlanner(GoogleClients google, Optional<GitLabApi> gitlab) {
        this(google, gitlab, Optional.empty());
    }

    private SetupPlanner(GoogleClients google, Optional<GitLabApi> gitlab, Optional<SetupLint> lint) {
        this.google = google;
        this.gitlab = gitlab;
        this.lint = lint;
    }

    /**
     * @throws InvalidSpecException when the spec asks to reuse a service account that does not exist
     * @throws IOException          when a read fails (the message is Google's or GitLab's)
     */
    public SetupPlan plan(FederationSpec spec) throws IOException, InvalidSpecException {
        return plan(PlanReads.start(google, gitlab, spec, lint));
    }

    /**
     * The plan from reads already started ({@link PlanReads#start} with this planner's clients): the
     * command line starts them, its lint with them, while the spec's checks run. The findings are
     * those of the reads' lint (none when they were started without one).
     */
    public SetupPlan plan(PlanReads reads) throws IOException, InvalidSpecException {
        SetupValues values = reads.values();
        ProjectFacts project = reads.project();
        ObservedState seen = reads.seen();
        refuseMissingReusedAccounts(values.spec(), values, seen);
        List<Step> steps = steps(values, seen);
        reads.ciFile().ifPresent(steps::add);
        return new SetupPlan(values, project, new Plan(steps), reads.findings().orElse(List.of()));
    }

    private List<Step> steps(SetupValues v, ObservedState seen) throws IOException {
        List<Step> steps = new ArrayList<>();
        steps.add(ServiceSteps.services(v, seen));
        List<String> afterServices = List.of(ServiceSteps.SERVICES);
        steps.add(IdentitySteps.pool(v, seen, afterServices));
        steps.add(IdentitySteps.provider(v, seen, List.of(IdentitySteps.POOL)));
        for (SetupValues.Account a : v.serviceAccounts()) {
            steps.add(AccessSteps.account(v, seen, a, afterServices));
            steps.add(AccessSteps.accountPolicy(v, seen, a));
        }
        steps.add(AccessSteps.projectRoles(v, seen));
        if (withGitLab(v)) {
            steps.add(GitLabSteps.variables(v, seen));
        }
        return steps;
    }

    private boolean withGitLab(SetupValues v) {
        return gitlab.isPresent() && v.spec().gitlab().isPresent();
    }

    private static void refuseMissingReusedAccounts(FederationSpec spec, SetupValues values, ObservedState seen)
            throws InvalidSpecException {
        List<SpecProblem> problems = new ArrayList<>();
        List<SetupValues.Account> accounts = values.serviceAccounts();
        for (int i = 0; i < accounts.size(); i++) {
            SetupValues.Account a = accounts.get(i);
            if (!a.create() && seen.accounts().get(a.email()).isEmpty()) {
                String field = i == 0 ? "gcp.serviceAccount.create" : "environments[" + (i - 1) + "].serviceAccount.create";
                problems.add(SpecProblem.of(field, "service account " + a.email() + " does not exist in project "
                        + spec.gcp().project(), "an account to reuse (create: false) must exist; set create: true to make it"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
    }
}
