package dev.wifdesk.ui.connection;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * The in-process sandbox's GitLab side as the UI needs it: its loopback base URL, its API token,
 * its seeded project, and how its https issuer URLs map onto loopback (to fetch the JWKS).
 * {@link #toString()} never prints the token.
 */
public record SandboxGitLab(URI baseUrl, String token, String projectPath, Function<URI, Optional<URI>> issuerRewrite) {
    @Override
    public String toString() {
        return "SandboxGitLab[" + baseUrl + ", project " + projectPath + "]";
    }
}
