package dev.wifdesk.cli;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.diagnose.live.LiveConnections;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.rotate.PhaseVerification;
import dev.wifdesk.rotate.PoolStatus;
import dev.wifdesk.rotate.Rotation;
import dev.wifdesk.rotate.RotationPlan;
import dev.wifdesk.rotate.RotationRefused;
import dev.wifdesk.rotate.RotationStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import dev.wifdesk.verify.BindingHistory;
import dev.wifdesk.verify.Verifier;
import dev.wifdesk.verify.VerifyListener;
import dev.wifdesk.verify.VerifyReport;
import dev.wifdesk.verify.VerifyTiming;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wifdesk rotate}: one phase of a pool rotation (prepare, switch, rollback, retire), planned,
 * shown, confirmed (a "yes" on a terminal or {@code --yes}) and run by the setup executor; or
 * {@code --status}, every pool of the project with its age and due date.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Rotate the workload identity pool: --phase prepare|switch|rollback|retire (each shows its plan, asks"
                + " or --yes, then runs it; re-running a phase completes or changes nothing), or --status."
                + " Exit 0 done, 1 a step failed, 2 bad input, a phase that cannot run now, or no confirmation.")
public final class RotateCommand implements Callable<Integer> {
    @Mixin
    SetupOptions options;

    @Option(names = "--phase", paramLabel = "PHASE", description = "prepare, switch, rollback or retire",
            converter = PhaseConverter.class)
    RotationPlan.Phase phase;

    @Option(names = "--status", description = "every pool of the project: age, state, last rotation, due date, who points at it")
    boolean status;

    @Option(names = "--new-pool-id", paramLabel = "ID", description = "(prepare) the new pool's id instead of the next of the naming scheme")
    String newPoolId;

    @Option(names = "--yes", description = "go ahead without asking (scripts, CI)")
    boolean yes;

    @Option(names = "--grace-period-days", paramLabel = "N", defaultValue = "7",
            description = "(retire) days after the switch before the old pool may be retired (default: ${DEFAULT-VALUE})")
    int graceDays;

    @Option(names = "--policy-days", paramLabel = "N", defaultValue = "90",
            description = "(--status) how often pools must be rotated (default: ${DEFAULT-VALUE})")
    int policyDays;

    @Option(names = "--copy-unmanaged-bindings",
            description = "(prepare) also grant the new pool's members the bindings someone else made for the old pool")
    boolean copyUnmanaged;

    @Option(names = "--overwrite-changed-variables",
            description = "(switch) switch CI/CD variables that someone else changed since prepare")
    boolean overwriteChanged;

    @Option(names = "--audit-log", paramLabel = "FILE", description = "where mutating calls are recorded, and pools dated"
            + " from (default: ~/.wifdesk/audit.jsonl)")
    Path auditLog;

    @Option(names = "--no-verify", description = "(prepare, switch, rollback) skip the verification of the path the phase"
            + " leaves live (prepare: preflight and a validate-only launch on the new pool; switch and rollback: a pipeline)")
    boolean noVerify;

    @Spec
    CommandSpec spec;

    /** How long the verification waits (tests shorten it). */
    VerifyTiming verifyTiming = VerifyTiming.defaults();

    ApplyCommand.Confirmation confirmation = ApplyCommand::askTerminal;
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (status == (phase != null)) {
            throw new BadInputException("--phase or --status: give exactly one of them");
        }
        if (graceDays < 0 || policyDays < 1) {
            throw new BadInputException(graceDays < 0 ? "--grace-period-days: " + graceDays + " is negative (rule: 0 or more)"
                    : "--policy-days: " + policyDays + " is not a period (rule: 1 or more)");
        }
        if (newPoolId != null && phase != RotationPlan.Phase.PREPARE) {
            throw new BadInputException("--new-pool-id: only --phase prepare chooses the new pool");
        }
        FederationSpec desired = options.loadSpec();
        try (LiveConnections live = options.connect(desired)) {
            Optional<org.gitlab4j.api.GitLabApi> gitlab = desired.gitlab().map(g -> live.gitlab());
            Path log = auditLog == null ? AuditLog.defaultFile() : auditLog;
            if (status) {
                return status(live, gitlab, desired, log);
            }
            RotationPlan plan = plan(new Rotation(live.google(), gitlab, clock), desired);
            if (plan.changes() > 0 && !yes) {
                spec.commandLine().getErr().print(RotateReport.text(plan, Optional.empty()));
                spec.commandLine().getErr().flush();
                Optional<Boolean> answer = confirmation.ask("Run these " + plan.changes() + " changes? Type 'yes': ");
                if (answer.isEmpty()) {
                    throw new BadInputException("confirmation needed: pass --yes");
                }
                if (!answer.get()) {
                    spec.commandLine().getErr().println("Nothing changed.");
                    return WifdeskCommand.EXIT_OK;
                }
            }
            AuditedChanges audited = new AuditedChanges(new AuditLog(log), live.google().target().identity(), clock);
            PlanRun run = PlanExecutor.run(plan.plan().plan(), new ChangeContext(live.google(), gitlab, audited));
            Optional<VerifyReport> verified = run.succeeded() && !noVerify
                    ? new PhaseVerification(new Verifier(live.google(), gitlab, live.jwks(), BindingHistory.of(new AuditLog(log)),
                    verifyTiming)).after(plan, VerifyListener.NONE, () -> false) : Optional.empty();
            print(options.format == SetupOptions.Format.json
                    ? RotateReport.json(plan, Optional.of(run), verified) + System.lineSeparator()
                    : RotateReport.text(plan, Optional.of(run), verified));
            run.auditFailures().forEach(f -> spec.commandLine().getErr().println("wifdesk: not audited: " + f));
            return run.succeeded() && verified.map(VerifyReport::passed).orElse(true)
                    ? WifdeskCommand.EXIT_OK : WifdeskCommand.EXIT_FAILED;
        }
    }

    private RotationPlan plan(Rotation rotation, FederationSpec desired) throws IOException {
        try {
            return switch (phase) {
                case PREPARE -> rotation.prepare(desired, Optional.ofNullable(newPoolId), copyUnmanaged);
                case SWITCH -> rotation.switchOver(desired, overwriteChanged);
                case ROLLBACK -> rotation.rollback(desired);
                case RETIRE -> rotation.retire(desired, Duration.ofDays(graceDays));
            };
        } catch (RotationRefused e) {
            throw new BadInputException("rotate --phase " + phase.word() + ": " + e.getMessage());
        } catch (InvalidSpecException e) {
            throw new BadInputException(e.report().strip().replace(System.lineSeparator(), "; "));
        }
    }

    private int status(LiveConnections live, Optional<org.gitlab4j.api.GitLabApi> gitlab, FederationSpec desired, Path log)
            throws IOException {
        List<PoolStatus> pools = new RotationStatus(live.google(), gitlab, clock).pools(desired.gcp().project(),
                desired.gitlab().map(FederationSpec.GitLab::project), Duration.ofDays(policyDays), new AuditLog(log).read());
        print(options.format == SetupOptions.Format.json
                ? RotateReport.statusJson(pools, policyDays, clock.instant()) + System.lineSeparator()
                : RotateReport.statusText(pools, policyDays, clock.instant()));
        return WifdeskCommand.EXIT_OK;
    }

    private void print(String text) {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
    }

    /** CLI.md's words for the phases. */
    static final class PhaseConverter implements picocli.CommandLine.ITypeConverter<RotationPlan.Phase> {
        @Override
        public RotationPlan.Phase convert(String value) {
            for (RotationPlan.Phase p : RotationPlan.Phase.values()) {
                if (p.word().equals(value)) {
                    return p;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value
                    + "' is not a phase (rule: prepare, switch, rollback or retire)");
        }
    }
}
