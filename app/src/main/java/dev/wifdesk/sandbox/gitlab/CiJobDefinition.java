package dev.wifdesk.sandbox.gitlab;

import java.util.List;
import java.util.Map;

/**
 * One job entry of a {@code .gitlab-ci.yml}, as the runner needs it: its stage, its own
 * {@code variables:}, its {@code id_tokens:} (variable name -> the {@code aud} values, unexpanded),
 * its {@code environment:} (null when it declares none), the script lines (before_script first) and its
 * {@code rules:}.
 */
record CiJobDefinition(String name, String stage, Map<String, String> variables, Map<String, List<String>> idTokens,
                       EnvironmentEntry environment, List<String> script, CiRules rules) {

    CiJobDefinition {
        variables = Map.copyOf(variables);
        idTokens = Map.copyOf(idTokens);
        script = List.copyOf(script);
    }

    /** {@code environment: NAME} or {@code environment: {name, deployment_tier, action}}; tier and action may be null. */
    record EnvironmentEntry(String name, String tier, String action) {
    }
}
