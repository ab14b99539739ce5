package dev.wifdesk.cel;

import java.util.List;

/** An expression that does not compile; each problem carries its 1-based line and column. */
public final class CelCompileException extends Exception {
    public record Problem(int line, int column, String message) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column + ": " + message;
        }
    }

    private final String expression;
    private final List<Problem> problems;

    public CelCompileException(String expression, List<Problem> problems) {
        super(problems.isEmpty() ? "expression does not compile" : problems.get(0).toString());
        this.expression = expression;
        this.problems = List.copyOf(problems);
    }

    public String expression() {
        return expression;
    }

    public List<Problem> problems() {
        return problems;
    }
}
