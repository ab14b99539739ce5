package dev.wifdesk.sandbox.gitlab;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A project CI/CD variable as GitLab stores it. The value is data the sandbox keeps, never
 * something it logs: {@link #toString()} leaves it out.
 */
public record CiVariable(@JsonProperty("key") String key, @JsonProperty("value") String value,
                         @JsonProperty("variable_type") String variableType,
                         @JsonProperty("protected") boolean isProtected, @JsonProperty("masked") boolean masked,
                         @JsonProperty("raw") boolean raw, @JsonProperty("environment_scope") String environmentScope,
                         @JsonProperty("description") String description) {

    public boolean appliesTo(String environment) {
        if ("*".equals(environmentScope)) {
            return true;
        }
        if (environment == null) {
            return false;
        }
        // GitLab scopes are glob patterns where only '*' is special
        String regex = ("\\Q" + environmentScope + "\\E").replace("*", "\\E.*\\Q");
        return environment.matches(regex);
    }

    @Override
    public String toString() {
        return "CiVariable[key=" + key + ", type=" + variableType + ", protected=" + isProtected + ", masked=" + masked
                + ", environmentScope=" + environmentScope + "]";
    }
}
