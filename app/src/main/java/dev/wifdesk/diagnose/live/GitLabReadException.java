package dev.wifdesk.diagnose.live;

/** GitLab could not be read at all (unreachable, 401, 403); the message is one line, without the token. */
public final class GitLabReadException extends Exception {
    public GitLabReadException(String message) {
        super(message);
    }
}
