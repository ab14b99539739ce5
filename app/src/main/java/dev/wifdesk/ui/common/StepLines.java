package dev.wifdesk.ui.common;

import dev.wifdesk.cloud.ClientErrors;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.StepResult;
import dev.wifdesk.ui.core.Messages;
import dev.wifdesk.ui.core.Work;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;

/**
 * The progress list of a plan being run, shared by the Setup wizard's Apply step and the Rotation
 * screen: one line per step (pending, running, done, unchanged, failed with the one-line reason,
 * skipped). The executor's listener events are queued on the worker and applied on the handler
 * thread ({@link #drain}), so the list is only ever changed where the screen reads it.
 */
public final class StepLines {
    /** Where a step of the run is. */
    public enum Status { PENDING, RUNNING, DONE, UNCHANGED, FAILED, SKIPPED }

    /** One step's line in the progress list. */
    public record Line(String id, String resource, Status status, String detail) {
        Line with(Status s, String d) {
            return new Line(id, resource, s, d);
        }
    }

    /** A listener event from the worker, applied to the list on the handler thread. */
    private record Event(String startedId, StepResult result) {
    }

    private final Messages messages;
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final Queue<Event> events = new ConcurrentLinkedQueue<>();

    public StepLines(Messages messages) {
        this.messages = messages;
    }

    /** Every step of {@code plan}, pending. */
    public void reset(Plan plan) {
        lines.setAll(plan.steps().stream().map(s -> new Line(s.id(), s.resource(), Status.PENDING, "")).toList());
        events.clear();
    }

    /** The executor's listener on the worker: queues each event and reports the fraction of steps started. */
    public PlanExecutor.Listener listener(Work.Progress p) {
        return new PlanExecutor.Listener() {
            @Override
            public void starting(int index, int total, Step step) {
                events.add(new Event(step.id(), null));
                p.update((double) index / total, step.id());
            }

            @Override
            public void finished(StepResult r) {
                events.add(new Event(null, r));
                p.update(-1, r.step().id());
            }
        };
    }

    /** Applies the queued events (on the handler thread). */
    public void drain() {
        for (Event e = events.poll(); e != null; e = events.poll()) {
            if (e.result() == null) {
                set(e.startedId(), Status.RUNNING, "");
            } else {
                show(e.result());
            }
        }
    }

    /** The run returned: each result, the steps it never started; after a cancel or a failure the rest skipped. */
    public void finish(PlanRun run) {
        drain();
        run.results().forEach(this::show);
        run.skipped().forEach(s -> set(s.id(), Status.SKIPPED, messages.get("setup.apply.skipped")));
        if (run.cancelled()) {
            mark(Set.of(Status.PENDING, Status.RUNNING), Status.SKIPPED, messages.get("setup.apply.skipped"));
        } else if (run.failure().isPresent()) {
            mark(Set.of(Status.PENDING), Status.SKIPPED, messages.get("setup.apply.skipped"));
        }
    }

    /** The run threw: the step under way failed with {@code why}, the pending ones are skipped. */
    public void failed(String why) {
        drain();
        mark(Set.of(Status.RUNNING), Status.FAILED, why);
        mark(Set.of(Status.PENDING), Status.SKIPPED, messages.get("setup.apply.skipped"));
    }

    /** Cancelled before the run returned: whatever had not ended is skipped. */
    public void cancelled() {
        drain();
        mark(Set.of(Status.PENDING, Status.RUNNING), Status.SKIPPED, messages.get("setup.apply.skipped"));
    }

    public ObservableList<Line> lines() {
        return lines;
    }

    /** A line as the screens show it, with the id {@code idPrefix + step id} and a pass / fail / skipped style. */
    public static Label label(Messages messages, Line l, String idPrefix) {
        String status = messages.get("setup.apply.status." + l.status().name());
        Label label = new Label(l.detail().isEmpty() ? messages.get("setup.apply.line", status, l.resource())
                : messages.get("setup.apply.lineDetail", status, l.resource(), l.detail()));
        label.setWrapText(true);
        label.setId(idPrefix + l.id());
        label.getStyleClass().add(switch (l.status()) {
            case DONE, UNCHANGED -> "stage-pass";
            case FAILED -> "stage-fail";
            default -> "stage-skipped";
        });
        return label;
    }

    private void show(StepResult r) {
        if (r.failed()) {
            set(r.step().id(), Status.FAILED, ClientErrors.oneLine(r.error().orElseThrow()));
        } else {
            set(r.step().id(), r.changed() ? Status.DONE : Status.UNCHANGED,
                    messages.get("setup.apply.outcome." + r.outcome().name()));
        }
    }

    private void mark(Set<Status> which, Status status, String detail) {
        for (int i = 0; i < lines.size(); i++) {
            if (which.contains(lines.get(i).status())) {
                lines.set(i, lines.get(i).with(status, detail));
            }
        }
    }

    private void set(String id, Status status, String detail) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).id().equals(id)) {
                lines.set(i, lines.get(i).with(status, detail));
                return;
            }
        }
    }
}
