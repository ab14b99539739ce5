package dev.wifdesk.model;

import java.util.List;

/**
 * A spec file that cannot be used, with EVERY problem found (not just the first), so a person
 * fixes them in one pass. The message is the first problem plus a count, one line.
 */
public final class InvalidSpecException extends Exception {
    private final List<SpecProblem> problems;

    public InvalidSpecException(List<SpecProblem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid spec has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }

    /** Every problem, one per line. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        for (SpecProblem p : problems) {
            sb.append(p.message()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String summary(List<SpecProblem> problems) {
        if (problems.isEmpty()) {
            return "invalid spec";
        }
        String first = problems.get(0).message();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more problem"
                + (problems.size() == 2 ? "" : "s") + ")";
    }
}
