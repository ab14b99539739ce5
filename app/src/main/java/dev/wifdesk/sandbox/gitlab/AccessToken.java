package dev.wifdesk.sandbox.gitlab;

import java.util.Set;

/** A personal access token of the sandbox: whose it is and its scopes (api, read_api). */
record AccessToken(SandboxUser user, Set<String> scopes) {
    boolean canWrite() {
        return scopes.contains("api");
    }

    boolean canRead() {
        return scopes.contains("api") || scopes.contains("read_api");
    }
}
