package dev.wifdesk.cel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The compile cache: one compile per text, even when threads ask for it at once; failures are not
 * kept. The engine built ahead ({@link CelEngine#prepare}) is taken once, and works like any other.
 */
class CelEngineTest {
    private static final int THREADS = 8;

    @Test
    void threadsAskingForTheSameTextAtOnceShareOneCompile() throws Exception {
        CelEngine cel = new CelEngine();
        List<CompiledExpression> results = atOnce(() -> cel.compile(
                "assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\""));
        assertThat(results).hasSize(THREADS).allSatisfy(r -> assertThat(r).isSameAs(results.get(0)));
        assertThat(cel.compile("assertion.namespace_path == \"acme\" && assertion.ref_protected == \"true\""))
                .isSameAs(results.get(0));
    }

    @Test
    void anEngineBuiltAheadIsTakenOnceAndChecksLikeANewOne() throws Exception {
        CelEngine.prepared(); // whatever an earlier command of this JVM left
        assertThat(CelEngine.preparing()).isFalse();
        CelEngine.prepare();
        CelEngine.prepare(); // once is enough
        assertThat(CelEngine.preparing()).isTrue();
        CelEngine ahead = CelEngine.prepared();
        assertThat(CelEngine.preparing()).as("taken").isFalse();
        assertThat(CelEngine.prepared()).as("the next one is new").isNotSameAs(ahead);
        CompiledExpression warm = ahead.compile(CelEngine.WARM_UP);
        assertThat(CelEngine.referencedKeys(warm, CelEngine.ASSERTION))
                .containsExactly("namespace_path", "ref_protected", "environment", "ref");
        assertThat(ahead.evaluate(ahead.compile("assertion.sub.startsWith('project_path:acme/')"),
                java.util.Map.of("assertion", java.util.Map.of("sub", "project_path:acme/pipelines:ref_type:branch:ref:main"))))
                .isEqualTo(true);
        assertThatThrownBy(() -> ahead.compile("assertion.sub ==")).isInstanceOf(CelCompileException.class);
    }

    @Test
    void aTextThatDoesNotCompileFailsForEveryWaiterAndIsCompiledAgainNextTime() throws Exception {
        CelEngine cel = new CelEngine();
        List<Object> outcomes = atOnce(() -> {
            try {
                return cel.compile("assertion.sub ==");
            } catch (CelCompileException e) {
                return e;
            }
        });
        assertThat(outcomes).hasSize(THREADS).allSatisfy(o -> assertThat(o).isInstanceOf(CelCompileException.class));
        // not cached as a failure: a new compile, with its own (equal) message
        assertThatThrownBy(() -> cel.compile("assertion.sub ==")).isInstanceOf(CelCompileException.class)
                .isNotIn(outcomes).hasMessage(((CelCompileException) outcomes.get(0)).getMessage());
    }

    @Test
    void aCompiledTextPlansItsProgramOnceAtItsFirstRunEvenWhenThreadsRunItAtOnce() throws Exception {
        CelEngine cel = new CelEngine();
        CompiledExpression compiled = cel.compile("assertion.ref_protected == 'true' && assertion.ref.startsWith('release/')");
        var claims = java.util.Map.of("assertion", java.util.Map.of("ref_protected", "true", "ref", "release/1.2"));
        List<Object> results = atOnce(() -> cel.evaluate(compiled, claims));
        assertThat(results).hasSize(THREADS).containsOnly(true);
        List<Object> programs = atOnce(compiled::program);
        assertThat(programs).allSatisfy(p -> assertThat(p).isSameAs(programs.get(0)));
        assertThat(cel.evaluate(compiled, java.util.Map.of("assertion", java.util.Map.of("ref_protected", "false",
                "ref", "release/1.2")))).isEqualTo(false);
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private static <T> List<T> atOnce(Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.run();
                }));
            }
            ready.await();
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
