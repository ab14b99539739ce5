package dev.wifdesk.ui.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Work and the inline executor, with no JavaFX toolkit started. */
class WorkTest {
    private final List<String> events = new ArrayList<>();

    @Test
    void successRunsTheSuccessHandlerThenFinally() {
        UiExecutor.inline().run(Work.of(() -> 42)
                .onSuccess(v -> events.add("success " + v))
                .onFailure(t -> events.add("failure"))
                .onFinally(() -> events.add("finally")));
        assertThat(events).containsExactly("success 42", "finally");
    }

    @Test
    void aFailingCallRunsTheFailureHandlerWithItsException() {
        UiExecutor.inline().run(Work.of(() -> {
                    throw new IllegalStateException("boom");
                })
                .onSuccess(v -> events.add("success"))
                .onFailure(t -> events.add("failure " + t.getMessage()))
                .onFinally(() -> events.add("finally")));
        assertThat(events).containsExactly("failure boom", "finally");
    }

    @Test
    void aChangedContextDropsTheResultAndCountsAsCancelled() {
        AtomicReference<String> target = new AtomicReference<>("sandbox");
        UiExecutor.inline().run(Work.of(() -> {
                    target.set("google");
                    return "late";
                })
                .boundTo(target::get)
                .onSuccess(v -> events.add("success " + v))
                .onCancelled(() -> events.add("cancelled"))
                .onFinally(() -> events.add("finally")));
        assertThat(events).containsExactly("cancelled", "finally");
    }

    @Test
    void progressReachesTheProgressHandler() {
        UiExecutor.inline().run(Work.steps(p -> {
                    p.update(0.5, "half");
                    return "done";
                })
                .onProgress((f, m) -> events.add(f + " " + m)));
        assertThat(events).containsExactly("0.5 half");
    }

    @Test
    void aCallThatStopsBetweenStepsIsReportedAsCancelledNotFailed() {
        UiExecutor.inline().run(Work.steps(p -> {
                    throw new Work.CancelledException();
                })
                .mutating()
                .onFailure(t -> events.add("failure"))
                .onCancelled(() -> events.add("cancelled")));
        assertThat(events).containsExactly("cancelled");
    }
}
