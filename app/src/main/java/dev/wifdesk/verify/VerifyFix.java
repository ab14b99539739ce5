package dev.wifdesk.verify;

import dev.wifdesk.plan.setup.SetupStepIds;
import dev.wifdesk.model.Finding;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.Plan;
import dev.wifdesk.plan.Step;
import dev.wifdesk.plan.setup.SetupPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Apply fix": no second planner. The spec is planned again by the setup planner (which yields
 * exactly the missing binding, role, API or provider field), and only the steps the failing checks
 * name run, with the steps they depend on (those are planned as none when in place: no call).
 */
public final class VerifyFix {
    private VerifyFix() {
    }

    /** The ids of the setup steps that repair the failing checks of {@code report}, in check order. */
    public static Set<String> stepIds(VerifyReport report) {
        Set<String> ids = new LinkedHashSet<>();
        report.failed().forEach(c -> ids.addAll(c.fixSteps()));
        return ids;
    }

    /** {@code setup}'s steps named by {@code ids} and what they depend on, in the plan's order. */
    public static Plan plan(SetupPlan setup, Set<String> ids) {
        Map<String, Step> byId = new HashMap<>();
        setup.plan().steps().forEach(s -> byId.put(s.id(), s));
        Set<String> wanted = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(ids);
        while (!todo.isEmpty()) {
            String id = todo.remove(todo.size() - 1);
            Step s = byId.get(id);
            if (s != null && wanted.add(id)) {
                todo.addAll(s.dependsOn());
            }
        }
        return new Plan(setup.plan().steps().stream().filter(s -> wanted.contains(s.id())).toList());
    }

    /** The steps that repair what a refused launch's findings name. */
    static List<String> forFindings(List<Finding> findings, SetupValues v) {
        Set<String> out = new LinkedHashSet<>();
        for (Finding f : findings) {
            switch (f.code()) {
                case DATAFLOW_PERMISSION_DENIED, DATAFLOW_WORKER_ROLE_MISSING -> out.add(SetupStepIds.PROJECT_ROLES);
                case DATAFLOW_ACT_AS_DENIED -> v.serviceAccounts().forEach(a -> out.add(SetupStepIds.accountPolicy(a)));
                case API_NOT_ENABLED -> out.add(SetupStepIds.SERVICES);
                default -> {
                }
            }
        }
        return List.copyOf(out);
    }
}
