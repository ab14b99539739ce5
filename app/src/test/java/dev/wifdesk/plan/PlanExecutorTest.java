package dev.wifdesk.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wifdesk.audit.AuditLog;
import dev.wifdesk.cloud.GoogleClients;
import dev.wifdesk.cloud.Target;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor runs exactly the given steps, in order, and honours a cancel only between steps. */
class PlanExecutorTest {
    @TempDir
    Path dir;

    private ChangeContext context() {
        // clients to a port nobody listens on: these steps never call them
        GoogleClients none = new GoogleClients(Target.sandbox(URI.create("http://127.0.0.1:9"), "t", "ops"));
        return new ChangeContext(none, Optional.empty(),
                new AuditedChanges(new AuditLog(dir.resolve("a.jsonl")), "ops", Clock.systemUTC()));
    }

    private static Step step(String id, List<String> deps, List<String> ran, Outcome outcome) {
        return new Step(id, Action.CREATE, "r/" + id, id, deps, c -> {
            ran.add(id);
            return outcome;
        });
    }

    @Test
    void runsTheStepsInOrderAndCountsWhatChanged() throws Exception {
        List<String> ran = new ArrayList<>();
        Plan plan = new Plan(List.of(step("a", List.of(), ran, Outcome.CREATED),
                step("b", List.of("a"), ran, Outcome.ALREADY_EXISTS), step("c", List.of("a", "b"), ran, Outcome.UPDATED)));
        PlanRun run = PlanExecutor.run(plan, context());
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(run.cancelled()).isFalse();
        assertThat(run.changed()).isEqualTo(2);
        assertThat(run.unchanged()).isEqualTo(1);
    }

    @Test
    void aCancelStopsBeforeTheNextStepNeverInsideOne() throws Exception {
        List<String> ran = new ArrayList<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        Step first = new Step("a", Action.CREATE, "r/a", "a", List.of(), c -> {
            cancelled.set(true); // the cancel arrives while this step runs
            ran.add("a");
            return Outcome.CREATED;
        });
        PlanRun run = PlanExecutor.run(new Plan(List.of(first, step("b", List.of("a"), ran, Outcome.CREATED))), context(),
                new PlanExecutor.Listener() { }, cancelled::get);
        assertThat(ran).containsExactly("a");
        assertThat(run.cancelled()).isTrue();
        assertThat(run.results()).extracting(r -> r.step().id()).containsExactly("a");
        assertThat(run.skipped()).extracting(Step::id).containsExactly("b");
        assertThat(run.succeeded()).isFalse();
    }

    @Test
    void aStepMayDependOnlyOnEarlierStepsAndIdsAreUnique() {
        List<String> ran = new ArrayList<>();
        assertThatThrownBy(() -> new Plan(List.of(step("b", List.of("a"), ran, Outcome.CREATED),
                step("a", List.of(), ran, Outcome.CREATED))))
                .hasMessage("step b depends on a, which is not an earlier step of the plan");
        assertThatThrownBy(() -> new Plan(List.of(step("a", List.of(), ran, Outcome.CREATED),
                step("a", List.of(), ran, Outcome.CREATED)))).hasMessage("two steps have the id a");
    }

    @Test
    void aFailingStepStopsTheRunAndItsDependentsAreSkipped() throws Exception {
        List<String> ran = new ArrayList<>();
        Step bad = new Step("a", Action.CREATE, "r/a", "a", List.of(), c -> {
            throw new java.io.IOException("403");
        });
        PlanRun run = PlanExecutor.run(new Plan(List.of(bad, step("b", List.of("a"), ran, Outcome.CREATED))), context());
        assertThat(ran).isEmpty();
        assertThat(run.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("failed");
            assertThat(r.error()).get().extracting(Throwable::getMessage).isEqualTo("403");
        });
        assertThat(run.skipped()).extracting(Step::id).containsExactly("b");
        assertThatThrownBy(run::orThrow).hasMessage("403");
    }

    @Test
    void independentStepsRunSideBySideUpToTheBound() throws Exception {
        java.util.concurrent.atomic.AtomicInteger now = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch twoIn = new java.util.concurrent.CountDownLatch(2);
        List<Step> steps = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            steps.add(new Step(id, Action.CREATE, "r/" + id, id, List.of(), c -> {
                most.accumulateAndGet(now.incrementAndGet(), Math::max);
                twoIn.countDown();
                twoIn.await(5, java.util.concurrent.TimeUnit.SECONDS); // the first two meet: both ran at once
                Thread.sleep(20);
                now.decrementAndGet();
                return Outcome.CREATED;
            }));
        }
        List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        steps.add(step("d", List.of("a", "b", "c"), ran, Outcome.CREATED));
        PlanRun run = PlanExecutor.run(new Plan(steps), context(), new PlanExecutor.Listener() { }, () -> false, 2);
        assertThat(most.get()).isEqualTo(2);
        assertThat(run.results()).extracting(r -> r.step().id()).containsExactly("a", "b", "c", "d");
        assertThat(run.changed()).isEqualTo(4);
    }

    @Test
    void aStepWaitsForEveryStepItDependsOn() throws Exception {
        List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        Step slow = new Step("slow", Action.CREATE, "r/slow", "slow", List.of(), c -> {
            Thread.sleep(50);
            ran.add("slow");
            return Outcome.CREATED;
        });
        Plan plan = new Plan(List.of(slow, step("fast", List.of(), ran, Outcome.CREATED),
                step("after", List.of("slow", "fast"), ran, Outcome.CREATED)));
        PlanExecutor.run(plan, context());
        assertThat(ran).endsWith("after").contains("slow", "fast");
    }
}
