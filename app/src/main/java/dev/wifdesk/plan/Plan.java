package dev.wifdesk.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Steps in the order they run. A step may depend only on steps before it, so running them in
 * order respects every dependency; ids are unique.
 */
public record Plan(List<Step> steps) {
    public Plan {
        steps = List.copyOf(steps);
        Set<String> seen = new HashSet<>();
        for (Step s : steps) {
            for (String d : s.dependsOn()) {
                if (!seen.contains(d)) {
                    throw new IllegalArgumentException("step " + s.id() + " depends on " + d
                            + ", which is not an earlier step of the plan");
                }
            }
            if (!seen.add(s.id())) {
                throw new IllegalArgumentException("two steps have the id " + s.id());
            }
        }
    }

    /** True when every step is planned as {@link Action#NONE}: running it would change nothing. */
    public boolean isEmpty() {
        return steps.stream().allMatch(s -> s.action() == Action.NONE);
    }
}
