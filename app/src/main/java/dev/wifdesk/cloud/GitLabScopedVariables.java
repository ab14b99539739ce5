package dev.wifdesk.cloud;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Objects;
import java.util.Optional;
import org.gitlab4j.api.AbstractApi;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.GitLabApiForm;
import org.gitlab4j.api.models.Variable;

/**
 * A project's CI/CD variable in one environment scope. GitLab keeps one key in several scopes (one per
 * environment); get, update and delete of such a key without {@code filter[environment_scope]} answer
 * 409, and gitlab4j 6.2.0's {@code ProjectApi} cannot send that filter. These calls always send it.
 * Creating needs no filter: {@code ProjectApi.createVariable} takes the scope.
 */
public final class GitLabScopedVariables extends AbstractApi {
    static final String FILTER = "filter[environment_scope]";

    public GitLabScopedVariables(GitLabApi gitlab) {
        super(gitlab);
    }

    /** The variable {@code key} of scope {@code environmentScope} ({@code *} for all environments). */
    public Variable get(Object projectIdOrPath, String key, String environmentScope) throws GitLabApiException {
        Response response = get(Response.Status.OK, filter(environmentScope), "projects",
                getProjectIdOrPath(projectIdOrPath), "variables", requireKey(key));
        return response.readEntity(Variable.class);
    }

    /** Like {@link #get}, empty when the key has no variable in that scope. */
    public Optional<Variable> find(Object projectIdOrPath, String key, String environmentScope) throws GitLabApiException {
        try {
            return Optional.of(get(projectIdOrPath, key, environmentScope));
        } catch (GitLabApiException e) {
            if (e.getHttpStatus() == Response.Status.NOT_FOUND.getStatusCode()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Sets the value and flags of {@code key} in {@code environmentScope} (the scope itself stays).
     * The value goes in the request body only, never into a URL.
     */
    public Variable update(Object projectIdOrPath, String key, String environmentScope, String value,
                           boolean isProtected, boolean masked) throws GitLabApiException {
        GitLabApiForm form = new GitLabApiForm()
                .withParam("value", value, true)
                .withParam("protected", isProtected)
                .withParam("masked", masked)
                .withParam(FILTER, requireScope(environmentScope), true);
        Response response = putWithFormData(Response.Status.OK, form, "projects",
                getProjectIdOrPath(projectIdOrPath), "variables", requireKey(key));
        return response.readEntity(Variable.class);
    }

    /** Deletes {@code key} in {@code environmentScope} only; the same key in other scopes stays. */
    public void delete(Object projectIdOrPath, String key, String environmentScope) throws GitLabApiException {
        delete(Response.Status.NO_CONTENT, filter(environmentScope), "projects",
                getProjectIdOrPath(projectIdOrPath), "variables", requireKey(key));
    }

    private static MultivaluedMap<String, String> filter(String environmentScope) {
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
        params.add(FILTER, requireScope(environmentScope));
        return params;
    }

    private static String requireScope(String environmentScope) {
        Objects.requireNonNull(environmentScope, "environmentScope");
        if (environmentScope.isBlank()) {
            throw new IllegalArgumentException("environmentScope must not be blank (use * for all environments)");
        }
        return environmentScope;
    }

    private static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
        return key;
    }
}
