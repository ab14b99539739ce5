package dev.wifdesk.cli;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.diagnose.live.LiveConnections;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.plan.AuditedChanges;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.StepResult;
import dev.wifdesk.plan.setup.SetupPlan;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wifdesk apply}: plans, shows the plan, and only after a confirmation (a "yes" on a
 * terminal, or {@code --yes}) runs exactly that plan. Every mutating call goes to the audit log.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Make the project match the spec: shows the plan, asks (or --yes), then runs it. A second apply"
                + " of the same spec changes nothing. Exit 0 done, 1 a step failed, 2 bad input or no confirmation.")
public final class ApplyCommand implements Callable<Integer> {
    @Mixin
    SetupOptions options;

    @Option(names = "--yes", description = "go ahead without asking (scripts, CI)")
    boolean yes;

    @Option(names = "--audit-log", paramLabel = "FILE", description = "where mutating calls are recorded (default: ~/.wifdesk/audit.jsonl)")
    Path auditLog;

    @Spec
    CommandSpec spec;

    /** Where a confirmation comes from: the terminal, or nowhere (tests give their own). */
    interface Confirmation {
        Optional<Boolean> ask(String question) throws IOException;
    }

    Confirmation confirmation = ApplyCommand::askTerminal;

    @Override
    public Integer call() throws IOException, InterruptedException {
        try (SetupStart start = SetupStart.begin(options)) {
            FederationSpec desired = start.spec();
            LiveConnections live = start.live();
            SetupPlan plan = PlanCommand.plan(start);
            if (plan.changes() > 0 && !yes) {
                spec.commandLine().getErr().print(new PlanReport(plan, Optional.empty()).text());
                spec.commandLine().getErr().flush();
                Optional<Boolean> answer = confirmation.ask("Apply these " + plan.changes() + " changes? Type 'yes': ");
                if (answer.isEmpty()) {
                    throw new BadInputException("confirmation needed: pass --yes");
                }
                if (!answer.get()) {
                    spec.commandLine().getErr().println("Nothing changed.");
                    return WifdeskCommand.EXIT_OK;
                }
            }
            AuditedChanges audited = new AuditedChanges(new AuditLog(auditLog == null ? AuditLog.defaultFile() : auditLog),
                    live.google().target().identity(), Clock.systemUTC());
            PlanRun run = PlanExecutor.run(plan.plan(), new ChangeContext(live.google(),
                    desired.gitlab().map(g -> live.gitlab()), audited), PlanExecutor.onEach(r -> progress(r)), () -> false);
            PlanCommand.print(spec, options, new PlanReport(plan, Optional.of(run)));
            run.auditFailures().forEach(f -> spec.commandLine().getErr().println("wifdesk: not audited: " + f));
            return run.succeeded() ? WifdeskCommand.EXIT_OK : WifdeskCommand.EXIT_FAILED;
        }
    }

    private void progress(StepResult r) {
        if (options.format == SetupOptions.Format.text) {
            spec.commandLine().getErr().println("  " + r.status() + ": " + r.step().id());
        }
    }

    /** A yes/no on the terminal; empty when there is none (no terminal: the caller needs --yes). */
    static Optional<Boolean> askTerminal(String question) throws IOException {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        String line = console.readLine("%s", question);
        return Optional.of(line != null && line.strip().equalsIgnoreCase("yes"));
    }
}
