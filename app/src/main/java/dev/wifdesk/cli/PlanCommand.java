package dev.wifdesk.cli;

import dev.wifdesk.diagnose.live.LiveConnections;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.InvalidSpecException;
import dev.wifdesk.model.Severity;
import dev.wifdesk.plan.setup.SetupPlan;
import dev.wifdesk.plan.setup.SetupPlanner;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wifdesk plan}: what apply would change, step by step, and the security lint; changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what 'apply' would change (reads only): each step with its field diff and gcloud equivalent,"
                + " and the security lint. Exit 0, or 1 when the lint finds an error.")
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    SetupOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (SetupStart start = SetupStart.begin(options)) {
            SetupPlan plan = plan(start);
            print(spec, options, new PlanReport(plan, Optional.empty()));
            return plan.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR)
                    ? WifdeskCommand.EXIT_FAILED : WifdeskCommand.EXIT_OK;
        }
    }

    /** Plans against the live state; a spec the state refuses (a reused account that is missing) is bad input. */
    static SetupPlan plan(SetupStart start) throws IOException {
        FederationSpec desired = start.spec();
        LiveConnections live = start.live();
        try {
            return new SetupPlanner(live.google(), desired.gitlab().map(g -> live.gitlab()))
                    .plan(start.reads()); // the reads SetupStart started beside the checks
        } catch (InvalidSpecException e) {
            throw new BadInputException(e.report().strip().replace(System.lineSeparator(), "; "));
        }
    }

    static void print(CommandSpec spec, SetupOptions options, PlanReport report) {
        var out = spec.commandLine().getOut();
        out.print(options.format == SetupOptions.Format.json ? report.json() + System.lineSeparator() : report.text());
        out.flush();
    }
}
