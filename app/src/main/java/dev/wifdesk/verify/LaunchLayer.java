package dev.wifdesk.verify;

import dev.wifdesk.model.Finding;
import dev.wifdesk.model.FindingCode;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The launch check, and what it does when Dataflow refuses right after a policy of the setup was
 * written: IAM shows a new binding at once but honours it only after about 2, up to 7+ minutes.
 * Then it reports PROPAGATION_DELAY, retries with a visible countdown until the launch passes or
 * the window ends, and says which case it was.
 */
final class LaunchLayer {
    private final LaunchCheck check;
    private final BindingHistory history;
    private final VerifyTiming timing;
    private final Waiting waiting;

    LaunchLayer(LaunchCheck check, BindingHistory history, VerifyTiming timing, Waiting waiting) {
        this.check = check;
        this.history = history;
        this.timing = timing;
        this.waiting = waiting;
    }

    CheckResult run(PreflightState state, List<String> fixSteps, VerifyListener listener, BooleanSupplier cancelled) {
        String name = CheckNames.LAUNCH_VALIDATE;
        Optional<String> unavailable = LaunchCheck.unavailable(state.values());
        if (unavailable.isPresent()) {
            return CheckResult.skipped(Layer.LAUNCH, name, unavailable.get());
        }
        LaunchCheck.Attempt first = check.once(state);
        if (first.passed() || first.denied().isEmpty()) {
            return first.result(fixSteps);
        }
        Instant start = waiting.now();
        Optional<Instant> written = history.lastPolicyWrite(resources(state.values()));
        if (written.isEmpty() || !written.get().plus(VerifyTiming.PROPAGATION_WINDOW).isAfter(start)) {
            CheckResult failed = first.result(fixSteps);
            return failed.with(failed.detail() + " (no IAM policy of the setup was written in the last "
                    + VerifyTiming.PROPAGATION_WINDOW.toMinutes() + " minutes: not a propagation delay)", List.of());
        }
        Instant windowEnd = written.get().plus(VerifyTiming.PROPAGATION_WINDOW);
        Instant deadline = min(windowEnd, start.plus(timing.maxPropagationWait()));
        long age = Duration.between(written.get(), start).toSeconds();
        Finding delay = new Finding(FindingCode.PROPAGATION_DELAY, Severity.INFO, "An IAM policy of the setup was written "
                + age + " s ago (" + written.get() + "); IAM honours a new binding after about 2, up to 7+ minutes, so the"
                + " refusal may be propagation. Retrying until " + deadline + ".", "wait; verify retries by itself",
                Map.of("policyWrittenAt", written.get().toString()));
        LaunchCheck.Attempt last = first;
        listener.finished(new CheckResult(Layer.LAUNCH, name, CheckStatus.WAITING, "refused " + age + " s after a policy"
                + " write: waiting for IAM propagation", List.of(delay), "", List.of()));
        while (waiting.now().isBefore(deadline)) {
            Duration pause = min(timing.retryEvery(), Duration.between(waiting.now(), deadline));
            boolean goOn = waiting.pause(pause, deadline, cancelled,
                    left -> listener.waiting(Layer.LAUNCH, name, left, "IAM propagation: the launch is retried"));
            if (!goOn) {
                return new CheckResult(Layer.LAUNCH, name, CheckStatus.WAITING, "cancelled while waiting for IAM propagation: "
                        + last.detail(), withDelay(last.findings(), delay), "", fixSteps);
            }
            last = check.once(state);
            if (last.passed()) {
                long waited = Duration.between(start, waiting.now()).toSeconds();
                return new CheckResult(Layer.LAUNCH, name, CheckStatus.PASS, last.detail() + " (passed after " + waited
                        + " s of waiting: it was IAM propagation)", List.of(delay), "", List.of());
            }
            if (last.denied().isEmpty()) {
                return last.result(fixSteps);
            }
        }
        CheckResult failed = last.result(fixSteps);
        long since = Duration.between(written.get(), waiting.now()).toSeconds();
        return failed.with(failed.detail() + " (still refused " + since + " s after the policy write: not only propagation)",
                List.of(delay));
    }

    private static List<Finding> withDelay(List<Finding> findings, Finding delay) {
        List<Finding> out = new ArrayList<>(findings);
        out.add(delay);
        return out;
    }

    /** The policies whose bindings the launch needs: the project's (roles) and each account's (actAs). */
    private static List<String> resources(SetupValues v) {
        List<String> out = new ArrayList<>();
        out.add("projects/" + v.projectId());
        v.serviceAccounts().forEach(a -> out.add(a.resource(v.projectId())));
        return out;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
