package dev.wifdesk.rotate;

import dev.wifdesk.model.SetupValues;
import dev.wifdesk.plan.GitLabVariables;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.models.Variable;

/**
 * The GitLab CI/CD variables a rotation moves, compared with what they should be: each managed
 * variable holds either the old pool's value (not switched yet) or the new pool's (switched).
 * Anything else was written by someone else since prepare, and a switch must not overwrite it
 * unasked. Values are compared, never logged (a variable may be a secret; ours are not).
 */
final class VariableDrift {
    private VariableDrift() {
    }

    /** {@code KEY [SCOPE]} of every managed variable holding neither value (missing ones are simply created). */
    static List<String> changedByOthers(GitLabApi gitlab, SetupValues oldValues, SetupValues newValues) throws IOException {
        Map<String, Variable> have = GitLabVariables.read(gitlab, newValues.gitlabProjectPath());
        List<SetupValues.Variable> old = oldValues.gitlabVariables();
        List<String> out = new ArrayList<>();
        for (SetupValues.Variable want : newValues.gitlabVariables()) {
            Variable now = have.get(id(want));
            if (now == null) {
                continue;
            }
            String was = old.stream().filter(o -> id(o).equals(id(want))).map(SetupValues.Variable::value).findFirst()
                    .orElse(want.value());
            if (!want.value().equals(now.getValue()) && !was.equals(now.getValue())) {
                out.add(id(want));
            }
        }
        return out;
    }

    /** True when every variable of {@code values} holds its value (the switch to that pool is complete). */
    static boolean pointAt(GitLabApi gitlab, SetupValues values) throws IOException {
        Map<String, Variable> have = GitLabVariables.read(gitlab, values.gitlabProjectPath());
        return values.gitlabVariables().stream().allMatch(v -> have.containsKey(id(v))
                && v.value().equals(have.get(id(v)).getValue()));
    }

    static String id(SetupValues.Variable v) {
        return v.key() + " [" + v.environmentScope() + "]";
    }
}
