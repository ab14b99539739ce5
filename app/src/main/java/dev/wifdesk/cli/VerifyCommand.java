package dev.wifdesk.cli;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.diagnose.live.LiveConnections;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.verify.BindingHistory;
import dev.wifdesk.verify.CheckResult;
import dev.wifdesk.verify.CheckStatus;
import dev.wifdesk.verify.Layer;
import dev.wifdesk.verify.LaunchMode;
import dev.wifdesk.verify.Verifier;
import dev.wifdesk.verify.VerifyJson;
import dev.wifdesk.verify.VerifyListener;
import dev.wifdesk.verify.VerifyReport;
import dev.wifdesk.verify.VerifyText;
import dev.wifdesk.verify.VerifyTiming;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wifdesk verify}: preflight, a validate-only Dataflow launch, a real pipeline; exit 0 only when all requested passed. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Prove the setup works: preflight checks (permissions first), a validate-only Dataflow launch as the"
                + " service account (--launch validate), and a real pipeline (--launch run). Waits out IAM propagation."
                + " Exit 0 when every requested layer passed, 1 when one failed, 2 bad input.")
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    SetupOptions options;

    @Option(names = "--launch", defaultValue = "none", paramLabel = "none|validate|run",
            description = "how far to go (default: ${DEFAULT-VALUE})")
    String launch;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "the audit log apply wrote (default: ~/.wifdesk/audit.jsonl): a policy written there in the last"
                    + " 7 minutes makes a refused launch wait for IAM propagation")
    Path auditLog;

    @Spec
    CommandSpec spec;

    /** How long the waits are (tests shorten them). */
    VerifyTiming timing = VerifyTiming.defaults();

    @Override
    public Integer call() {
        LaunchMode mode = mode();
        FederationSpec desired = options.loadSpec();
        try (LiveConnections live = options.connect(desired)) {
            Verifier verifier = new Verifier(live.google(), desired.gitlab().map(g -> live.gitlab()), live.jwks(),
                    BindingHistory.of(new AuditLog(auditLog == null ? AuditLog.defaultFile() : auditLog)), timing);
            VerifyReport report = verifier.verify(desired, mode, progress(), () -> false);
            PrintWriter out = spec.commandLine().getOut();
            out.print(options.format == SetupOptions.Format.json ? VerifyJson.write(report) + System.lineSeparator()
                    : VerifyText.write(report));
            out.flush();
            return report.passed() ? WifdeskCommand.EXIT_OK : WifdeskCommand.EXIT_FAILED;
        }
    }

    private LaunchMode mode() {
        return switch (launch) {
            case "none" -> LaunchMode.NONE;
            case "validate" -> LaunchMode.VALIDATE;
            case "run" -> LaunchMode.RUN;
            default -> throw new BadInputException("--launch '" + launch + "': must be none, validate or run");
        };
    }

    /** Progress on stderr in text mode: each check as it ends, a countdown line every 10 s while waiting. */
    private VerifyListener progress() {
        if (options.format != SetupOptions.Format.text) {
            return VerifyListener.NONE;
        }
        PrintWriter err = spec.commandLine().getErr();
        return new VerifyListener() {
            @Override
            public void finished(CheckResult r) {
                if (r.status() == CheckStatus.WAITING) {
                    err.println("  waiting: " + r.name() + ": " + r.detail());
                }
                err.flush();
            }

            @Override
            public void waiting(Layer layer, String check, long secondsLeft, String why) {
                if (secondsLeft % 10 == 0) {
                    err.println("  " + check + ": " + why + ", " + secondsLeft + " s left");
                    err.flush();
                }
            }
        };
    }
}
