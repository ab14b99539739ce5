package dev.wifdesk.plan.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.cloudresourcemanager.v3.model.GetIamPolicyRequest;
import com.google.api.services.cloudresourcemanager.v3.model.GetPolicyOptions;
import dev.wifdesk.cel.CelEngine;
import dev.wifdesk.model.FederationSpec;
import dev.wifdesk.model.SetupValues;
import dev.wifdesk.model.SpecParser;
import dev.wifdesk.model.SpecValidator;
import dev.wifdesk.plan.ChangeContext;
import dev.wifdesk.plan.PlanExecutor;
import dev.wifdesk.plan.PlanRun;
import dev.wifdesk.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Never drop a binding that isn't ours", under a race: before each apply the sandbox is armed so
 * that another writer adds a binding of its own between our get and set, on the new service
 * account's policy and on the project policy (the {@code concurrent-edit} fault). Each trial is a
 * real plan + apply of a one-account spec with a fresh account id, in one sandbox; after each, the
 * other writer's binding and ours are both in place, on both policies, and nothing earlier was lost.
 * {@code -Dwifdesk.raceTrials=N} changes the count (200 by default).
 */
class ConcurrentPolicyEditTest {
    private static final int TRIALS = Integer.getInteger("wifdesk.raceTrials", 200);
    private static final String WRITER = "user:concurrent-writer-";
    private static final String OTHER_SA_ROLE = "roles/iam.serviceAccountTokenCreator";
    private static final String OTHER_PROJECT_ROLE = "roles/viewer";

    @TempDir
    Path dir;

    @Test
    void everyTrialKeepsTheOtherWritersBindingAndLandsOurs() throws Exception {
        SpecParser parser = new SpecParser(new SpecValidator(new CelEngine()));
        try (SetupSandbox at = new SetupSandbox(dir, SandboxOptions.defaults())) {
            SetupPlanner planner = new SetupPlanner(at.operator, Optional.empty());
            var accounts = at.operator.iam().projects().serviceAccounts();
            Set<String> projectWriters = new HashSet<>();
            List<String> ourAccounts = new ArrayList<>();
            for (int trial = 1; trial <= TRIALS; trial++) {
                String id = "race-account-" + trial;
                FederationSpec spec = parser.parse("race.yaml", oneAccountSpec(id));
                at.sandbox.google().addFaults("iam:setIamPolicy=concurrent-edit,crm:setIamPolicy=concurrent-edit");

                SetupPlan plan = planner.plan(spec);
                PlanRun run = PlanExecutor.run(plan.plan(), new ChangeContext(at.operator, Optional.empty(), at.audited()));
                assertThat(run.succeeded()).as("trial %d: %s", trial, run.failure()).isTrue();

                SetupValues.Account account = plan.values().serviceAccounts().get(0);
                ourAccounts.add(account.member());
                Map<String, List<String>> saPolicy = bindings(accounts.getIamPolicy(account.resource("sandbox-project"))
                        .setOptionsRequestedPolicyVersion(3).execute().getBindings());
                // ours: who may impersonate it, and its actAs on itself
                assertThat(saPolicy.get(SetupValues.WORKLOAD_IDENTITY_USER)).as("trial %d", trial)
                        .containsExactlyElementsOf(account.impersonators());
                assertThat(saPolicy.get(SetupValues.SERVICE_ACCOUNT_USER)).as("trial %d", trial)
                        .containsExactly(account.member());
                // theirs: exactly the one member the other writer added in the race window
                assertThat(saPolicy.get(OTHER_SA_ROLE)).as("trial %d: the other writer's binding on the account", trial)
                        .singleElement().asString().startsWith(WRITER);

                Map<String, List<String>> projectPolicy = bindings(at.operator.resourceManager().projects()
                        .getIamPolicy("projects/sandbox-project", new GetIamPolicyRequest()
                                .setOptions(new GetPolicyOptions().setRequestedPolicyVersion(3))).execute().getBindings());
                List<String> writers = projectPolicy.getOrDefault(OTHER_PROJECT_ROLE, List.of()).stream()
                        .filter(m -> m.startsWith(WRITER)).toList();
                assertThat(writers).as("trial %d: every other writer's member so far, one more than before", trial)
                        .hasSize(trial).containsAll(projectWriters).doesNotContainAnyElementsOf(saPolicy.get(OTHER_SA_ROLE));
                projectWriters.addAll(writers);
                for (String role : List.of("roles/dataflow.developer", "roles/dataflow.worker")) {
                    assertThat(projectPolicy.get(role)).as("trial %d: %s of every account so far", trial, role)
                            .containsExactlyInAnyOrderElementsOf(ourAccounts);
                }
                assertThat(projectPolicy.get("roles/owner")).as("the seeded owner").contains("user:" + at.sandbox.google().operatorEmail());
            }
        }
    }

    /** Role -> members; a member listed twice in a binding, or a role bound twice unconditionally, fails. */
    private static Map<String, List<String>> bindings(List<?> bindings) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Object o : bindings) {
            Map<?, ?> b = (Map<?, ?>) o;
            if (b.get("condition") != null) {
                continue;
            }
            String role = (String) b.get("role");
            @SuppressWarnings("unchecked")
            List<String> members = (List<String>) b.get("members");
            assertThat(out).as("one unconditional binding per role").doesNotContainKey(role);
            assertThat(members).as("members of %s", role).doesNotHaveDuplicates();
            out.put(role, members);
        }
        return out;
    }

    /** The shared spec with one account (no environments) named {@code id}. */
    static String oneAccountSpec(String id) {
        String yaml = SetupSandbox.SPEC.replace("serviceAccount: { id: gitlab-dataflow, create: true }",
                "serviceAccount: { id: " + id + ", create: true }");
        int from = yaml.indexOf("environments:");
        int to = yaml.indexOf("gitlab:", from);
        return yaml.substring(0, from) + yaml.substring(to);
    }
}
