package dev.wifdesk.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * A CEL expression that compiled and type-checked, ready to run many times. Its program is planned
 * at its first run, once: checking a spec only compiles and reads the tree, and planning a
 * program costs about as much as the compile itself (benchmarks.md, "Setup apply").
 */
public final class CompiledExpression {
    /** Plans the program of a checked tree ({@code Cel::createProgram}). */
    interface Planner {
        CelRuntime.Program plan(CelAbstractSyntaxTree ast) throws CelEvaluationException;
    }

    private final String source;
    private final CelAbstractSyntaxTree ast;
    private final Planner planner;
    private volatile CelRuntime.Program program;

    CompiledExpression(String source, CelAbstractSyntaxTree ast, Planner planner) {
        this.source = source;
        this.ast = ast;
        this.planner = planner;
    }

    public String source() {
        return source;
    }

    public CelAbstractSyntaxTree ast() {
        return ast;
    }

    /** The program, planned at the first call (a failure is the first run's, and planned again next time). */
    CelRuntime.Program program() throws CelEvaluationException {
        CelRuntime.Program p = program;
        if (p == null) {
            synchronized (this) {
                p = program;
                if (p == null) {
                    p = planner.plan(ast);
                    program = p;
                }
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "CompiledExpression[" + source + "]";
    }
}
