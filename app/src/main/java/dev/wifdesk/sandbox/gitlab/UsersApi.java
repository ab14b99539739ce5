package dev.wifdesk.sandbox.gitlab;

import static dev.wifdesk.sandbox.gitlab.RestSupport.expect;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /version}, {@code GET /user} and {@code GET /personal_access_tokens/self}. */
final class UsersApi {
    private final GitLabJson json;
    private final Callers callers;

    UsersApi(GitLabJson json, Callers callers) {
        this.json = json;
        this.callers = callers;
    }

    Reply version(ApiRequest r) throws ApiError {
        expect(r, "GET");
        callers.authenticate(r);
        return Reply.ok(Map.of("version", "17.5.0-sandbox", "revision", "sandbox"));
    }

    Reply user(ApiRequest r) throws ApiError {
        expect(r, "GET");
        return Reply.ok(currentUser(callers.authenticate(r).user()));
    }

    Reply tokenSelf(ApiRequest r) throws ApiError {
        expect(r, "GET");
        return Reply.ok(tokenSelf(callers.authenticate(r)));
    }

    /** {@code GET /personal_access_tokens/self}: lets a client check its token's scopes before it needs them. */
    private static Map<String, Object> tokenSelf(AccessToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", 100 + t.user().id());
        m.put("name", "wifdesk-sandbox");
        m.put("revoked", false);
        m.put("created_at", "2026-01-05T09:00:00.000Z");
        m.put("description", "Sandbox personal access token");
        m.put("scopes", t.scopes().stream().sorted().toList());
        m.put("user_id", t.user().id());
        m.put("last_used_at", null);
        m.put("active", true);
        m.put("expires_at", "2027-01-05");
        return m;
    }

    private Map<String, Object> currentUser(SandboxUser u) {
        Map<String, Object> m = json.user(u);
        m.put("email", u.email());
        m.put("public_email", u.email());
        return m;
    }
}
