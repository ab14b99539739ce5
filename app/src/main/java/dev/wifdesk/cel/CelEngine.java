package dev.wifdesk.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * CEL as STS runs it for workload identity federation: three variables, {@code assertion} (the
 * token's claims), {@code google} and {@code attribute} (the mapped attributes), all maps of
 * string to dynamic values. Compiled programs are cached by source text; the cache is bounded.
 * Thread-safe: a text compiled on one thread is waited for, not compiled again, on another.
 */
public final class CelEngine {
    public static final String ASSERTION = "assertion";
    public static final String GOOGLE = "google";
    public static final String ATTRIBUTE = "attribute";
    private static final int CACHE_SIZE = 512;
    /**
     * What {@link #prepare} compiles (not cached): the parts of CEL a spec's mapping and condition use
     * (selects, an index, comparison, {@code &&}, {@code in} a list, a string function, a ternary).
     */
    static final String WARM_UP = "assertion.namespace_path == 'acme' && assertion['ref_protected'] == 'true'"
            + " && assertion.environment in ['production'] && assertion.ref.startsWith('release/')"
            + " ? attribute.project_path : google.subject";
    /** The engine the next {@link #prepared} takes, if {@link #prepare} started one. */
    private static final AtomicReference<CompletableFuture<CelEngine>> PREPARED = new AtomicReference<>();

    private final Cel cel;
    /** By source text; a compile in flight is in here too, so two threads never compile the same text. */
    private final Map<String, CompletableFuture<CompiledExpression>> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<CompiledExpression>> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    public CelEngine() {
        MapType stringToDyn = MapType.create(SimpleType.STRING, SimpleType.DYN);
        this.cel = CelFactory.standardCelBuilder()
                .setOptions(CelOptions.current().build())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings())
                .addRuntimeLibraries(CelExtensions.strings())
                .addVar(ASSERTION, stringToDyn)
                .addVar(GOOGLE, stringToDyn)
                .addVar(ATTRIBUTE, stringToDyn)
                .build();
    }

    /**
     * Starts building, on a daemon thread, the engine the next {@link #prepared} of this process takes,
     * and compiles one expression with it: loading and compiling cel-java's parser and checker
     * is most of the time of a spec's first checks, and needs no spec. A command that checks a spec
     * calls this before it even parses its options (the other core is idle then). Once is enough.
     */
    public static void prepare() {
        CompletableFuture<CelEngine> engine = new CompletableFuture<>();
        if (!PREPARED.compareAndSet(null, engine)) {
            return; // one is being built, or waits to be taken
        }
        Thread t = new Thread(() -> {
            try {
                CelEngine ready = new CelEngine();
                ready.compileNow(WARM_UP);
                engine.complete(ready);
            } catch (Throwable e) {
                engine.completeExceptionally(e); // prepared() builds its own, and meets the problem there
            }
        }, "wifdesk-cel-prepare");
        t.setDaemon(true);
        t.start();
    }

    /** The engine {@link #prepare} built (waited for if still building; once only), or a new one. */
    public static CelEngine prepared() {
        CompletableFuture<CelEngine> engine = PREPARED.getAndSet(null);
        if (engine != null) {
            try {
                return engine.join();
            } catch (CompletionException e) {
                // fall through: a new engine
            }
        }
        return new CelEngine();
    }

    /** Whether an engine {@link #prepare} started waits for its {@link #prepared} (for the tests). */
    static boolean preparing() {
        return PREPARED.get() != null;
    }

    public CompiledExpression compile(String expression) throws CelCompileException {
        if (expression == null || expression.isBlank()) {
            throw new CelCompileException(String.valueOf(expression),
                    List.of(new CelCompileException.Problem(1, 1, "expression is empty")));
        }
        CompletableFuture<CompiledExpression> mine = new CompletableFuture<>();
        CompletableFuture<CompiledExpression> earlier = cache.putIfAbsent(expression, mine);
        if (earlier != null) {
            return awaitCompiled(earlier);
        }
        try {
            CompiledExpression compiled = compileNow(expression);
            mine.complete(compiled);
            return compiled;
        } catch (Throwable e) {
            cache.remove(expression, mine); // failures are not kept: the next call compiles (and reports) again
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static CompiledExpression awaitCompiled(CompletableFuture<CompiledExpression> compiling)
            throws CelCompileException {
        try {
            return compiling.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof CelCompileException c) {
                throw c;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private CompiledExpression compileNow(String expression) throws CelCompileException {
        try {
            var ast = cel.compile(expression).getAst();
            return new CompiledExpression(expression, ast, cel::createProgram);
        } catch (CelValidationException e) {
            List<CelCompileException.Problem> problems = new ArrayList<>();
            for (CelIssue issue : e.getErrors()) {
                var loc = issue.getSourceLocation();
                // CEL columns are 0-based; people count from 1
                problems.add(new CelCompileException.Problem(Math.max(1, loc.getLine()), loc.getColumn() + 1,
                        issue.getMessage()));
            }
            throw new CelCompileException(expression, problems);
        }
    }

    /** Runs a compiled expression; values in {@code variables} must already be CEL-friendly (see {@link Claims}). */
    public Object evaluate(CompiledExpression expression, Map<String, ?> variables) throws CelEvalException {
        try {
            return expression.program().eval(variables);
        } catch (CelEvaluationException e) {
            throw new CelEvalException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CelEvalException(String.valueOf(e.getMessage()), e);
        }
    }

    /** The names read as {@code VARIABLE.name} or {@code VARIABLE["name"]}, in source order. */
    public static Set<String> referencedKeys(CompiledExpression expression, String variable) {
        Set<String> keys = new LinkedHashSet<>();
        CelNavigableAst.fromAst(expression.ast()).getRoot().allNodes().forEach(node -> {
            CelExpr expr = node.expr();
            if (expr.exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT) {
                CelExpr operand = expr.select().operand();
                if (isIdent(operand, variable)) {
                    keys.add(expr.select().field());
                }
            } else if (expr.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL
                    && "_[_]".equals(expr.call().function()) && expr.call().args().size() == 2
                    && isIdent(expr.call().args().get(0), variable)) {
                CelExpr index = expr.call().args().get(1);
                if (index.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                        && index.constant().getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE) {
                    keys.add(index.constant().stringValue());
                }
            }
        });
        return keys;
    }

    private static boolean isIdent(CelExpr expr, String name) {
        return expr.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT && expr.ident().name().equals(name);
    }
}
