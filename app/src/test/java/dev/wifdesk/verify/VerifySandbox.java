package dev.wifdesk.verify;

import dev.wifdesk.plan.setup.SetupSandbox;
import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.OidcJwksSource;
import dev.wifdesk.cloud.Target;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.setup.SetupPlan;
import dev.wifdesk.plan.setup.SetupPlanner;
import dev.wifdesk.sandbox.Sandbox;
import dev.wifdesk.sandbox.SandboxOptions;
import dev.wifdesk.sandbox.gitlab.GitLabSandbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;

/**
 * A fresh sandbox, the operator's clients, and a setup of its seeded project applied through the
 * real planner and executor (audited, so propagation can be recognised from the audit log).
 */
final class VerifySandbox implements AutoCloseable {
    /** The setup fixture's spec, varied for this suite. */
    static final String SPEC = SetupSandbox.withoutEnvironments(SetupSandbox.withCommittedJob(SetupSandbox.SPEC));
    /** Short waits: the sandbox answers at once. */
    static final VerifyTiming FAST = new VerifyTiming(Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofMillis(200),
            Duration.ofSeconds(60));

    final Sandbox sandbox;
    final GitLabApi gitlab;
    final GoogleClients operator;
    final AuditLog audit;

    VerifySandbox(Path dir, SandboxOptions options) {
        sandbox = Sandbox.start(options);
        gitlab = new GitLabApi(sandbox.gitlab().baseUrl().toString(), sandbox.gitlab().token());
        operator = new GoogleClients(Target.sandbox(sandbox.google().baseUrl(), sandbox.google().operatorToken(),
                sandbox.google().operatorEmail()));
        audit = new AuditLog(dir.resolve("audit.jsonl"));
    }

    VerifySandbox(Path dir) {
        this(dir, SandboxOptions.defaults());
    }

    static FederationSpec spec(String yaml) {
        try {
            return new SpecParser(new SpecValidator(new CelEngine())).parse("spec.yaml", yaml);
        } catch (InvalidSpecException e) {
            throw new AssertionError(e.report(), e);
        }
    }

    static FederationSpec spec() {
        return spec(SPEC);
    }

    SetupPlan plan(FederationSpec spec) throws Exception {
        return new SetupPlanner(operator, Optional.of(gitlab)).plan(spec);
    }

    PlanRun run(Plan plan) throws Exception {
        return PlanExecutor.run(plan, new ChangeContext(operator, Optional.of(gitlab),
                new AuditedChanges(audit, sandbox.google().operatorEmail(), Clock.systemUTC()))).orThrow();
    }

    /** Plans and applies {@code spec} (the correct setup). */
    PlanRun apply(FederationSpec spec) throws Exception {
        return run(plan(spec).plan());
    }

    /** "Apply fix": re-plans the spec and runs only the steps the report's failing checks name. */
    PlanRun applyFix(FederationSpec spec, VerifyReport report) throws Exception {
        return run(VerifyFix.plan(plan(spec), VerifyFix.stepIds(report)));
    }

    Verifier verifier() {
        return verifier(gitlab);
    }

    Verifier verifier(GitLabApi gitlabAs) {
        return new Verifier(operator, Optional.of(gitlabAs), OidcJwksSource.sandbox(GitLabSandbox.ISSUER,
                sandbox.gitlab().baseUrl()), BindingHistory.of(audit), FAST);
    }

    VerifyReport verify(FederationSpec spec, LaunchMode mode) {
        return verifier().verify(spec, mode, VerifyListener.NONE, () -> false);
    }

    @Override
    public void close() {
        gitlab.close();
        sandbox.close();
    }
}
