package dev.wifdesk.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The URL checks, typed once: what counts as an http(s) URL of a server (the sandbox's Google URL,
 * a GitLab URL the diagnostics read from), and the stricter rule of a GitLab URL in a spec.
 */
public final class HttpUrls {
    private HttpUrls() {
    }

    /** The text as a URI when it is an {@code http://} or {@code https://} URL with a host; else empty. */
    public static Optional<URI> parseHttp(String text) {
        return parse(text).filter(u -> ("https".equals(u.getScheme()) || "http".equals(u.getScheme()))
                && u.getHost() != null);
    }

    public static boolean isHttp(String text) {
        return parseHttp(text).isPresent();
    }

    /**
     * A GitLab base URL ({@link SpecRules#GITLAB_URL}): https with a host and no query or fragment;
     * plain http only on 127.0.0.1 (the loopback sandbox).
     */
    public static boolean isGitLabUrl(String text) {
        return parseHttp(text).filter(u -> u.getRawQuery() == null && u.getRawFragment() == null
                && ("https".equals(u.getScheme()) || "127.0.0.1".equals(u.getHost()))).isPresent();
    }

    /** The text (stripped) as a URI, or empty when it is not one. */
    public static Optional<URI> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(text.strip()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
