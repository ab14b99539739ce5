package dev.wifdesk.ui.connection;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * The in-process sandbox's GitLab side as the UI needs it: its loopback base URL, its API token,
 * its seeded project, how its https issuer URLs map onto loopback (to fetch the JWKS), its issuer,
 * and its ID-token minter (sample tokens; absent in tests that build this by hand).
 * {@link #toString()} never prints the token.
 */
public record SandboxGitLab(URI baseUrl, String token, String projectPath, Function<URI, Optional<URI>> issuerRewrite,
                            String issuer, Optional<TokenMinter> minter) {

    /** Mints an ID token the sandbox GitLab signs, as a CI job on {@code ref} would get it. */
    public interface TokenMinter {
        String mint(String audience, String ref);
    }

    public SandboxGitLab {
        minter = minter == null ? Optional.empty() : minter;
    }

    @Override
    public String toString() {
        return "SandboxGitLab[" + baseUrl + ", project " + projectPath + "]";
    }
}
